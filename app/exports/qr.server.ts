import QRCode from 'qrcode';

/** An SVG QR code (medium error correction, so a worn printed notice still scans). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

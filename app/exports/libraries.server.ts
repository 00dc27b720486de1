// exceljs and pdfkit take about 0.25 s and 0.2 s of CPU to load, and most processes (a server between exports,
// every test process, every script) never write a workbook or a PDF: each is loaded by its first use, then
// kept by Node's module cache (docs/testing.md).
export async function loadExcelJs() {
  return (await import('exceljs')).default;
}

export async function loadPdfKit() {
  return (await import('pdfkit')).default;
}

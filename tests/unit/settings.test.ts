// The typed settings map: every stored value is read as its key's type, or the declared fallback.
import { describe, expect, it } from 'vitest';

import {
  checkSetting,
  isSettingKey,
  parseSetting,
  seededSettings,
  SETTING_KEYS,
  SETTINGS,
} from '~/domain/settings';

describe('typed settings', () => {
  it('reads a stored value of the right type', () => {
    expect(parseSetting('intake.maxAttachments', '7')).toBe(7);
    expect(parseSetting('security.totpRequiredRoles', '["admin","approver"]')).toEqual(['admin', 'approver']);
    expect(parseSetting('workflow.extensionNeedsApproval', 'false')).toBe(false);
    expect(parseSetting('digest.lastSent', '{"3":"2026-03-02"}')).toEqual({ 3: '2026-03-02' });
  });

  it('reads a number stored as a numeric string (a hand-edited row) as the number', () => {
    expect(parseSetting('intake.submissionsPerIpPerHour', '"100000"')).toBe(100000);
  });

  it('falls back when the row is missing, is not JSON or is of the wrong type', () => {
    expect(parseSetting('intake.maxFileMb', undefined)).toBe(10);
    expect(parseSetting('intake.maxFileMb', '{oops')).toBe(10);
    expect(parseSetting('intake.maxFileMb', '"ten"')).toBe(10);
    expect(parseSetting('intake.maxFileMb', '2.5')).toBe(10);
    expect(parseSetting('security.totpRequiredRoles', '["root"]')).toEqual([]);
    expect(parseSetting('calendar.scheduleWarningSent', undefined)).toBeNull();
  });

  it('refuses to write a value of the wrong type', () => {
    expect(checkSetting('report.cutoffDay', 20)).toBe(20);
    expect(() => checkSetting('report.cutoffDay', 2.5)).toThrow();
  });

  it('seeds the policy settings, not the state the portal records as it runs', () => {
    const seeded = seededSettings().map((s) => s.key);
    expect(seeded).toContain('intake.maxAttachments');
    expect(seeded).toContain('documents.agencyAbbreviation');
    expect(seeded).not.toContain('digest.lastSent');
    expect(seeded).not.toContain('calendar.scheduleWarningSent');
    for (const { key, value } of seededSettings())
      expect(parseSetting(key, value)).toEqual(SETTINGS[key].fallback);
  });

  it('knows its keys', () => {
    expect(SETTING_KEYS).toHaveLength(Object.keys(SETTINGS).length);
    expect(isSettingKey('report.cutoffDay')).toBe(true);
    expect(isSettingKey('toString')).toBe(false);
    expect(isSettingKey('report.cutoff')).toBe(false);
  });
});

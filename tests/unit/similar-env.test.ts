// SIMILAR_SUGGESTIONS (issue #15): on unless a benchmark turns the citizens' suggestions off
// (`npm run bench -- --similar-compare`, which also checks that "off" answers no suggestion).
import { describe, expect, it } from 'vitest';

import { parseEnv } from '~/utils/env.server';

describe('SIMILAR_SUGGESTIONS', () => {
  it('is on by default, off only when asked, and nothing else', () => {
    expect(parseEnv({}).SIMILAR_SUGGESTIONS).toBe('on');
    expect(parseEnv({ SIMILAR_SUGGESTIONS: 'off' }).SIMILAR_SUGGESTIONS).toBe('off');
    expect(() => parseEnv({ SIMILAR_SUGGESTIONS: 'no' })).toThrow(/SIMILAR_SUGGESTIONS/);
  });
});

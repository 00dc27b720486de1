import { describe, expect, it } from 'vitest';

import {
  buildCorpusStats,
  findSimilar,
  prepareDocument,
  type ProcedureName,
  rankSimilar,
  scoreCandidate,
  type SimilarityInput,
  tokenize,
} from '~/domain/similarity';

import { CORPUS } from '../fixtures/similarity/corpus';
import { precisionAt1, recallAt3, runCases, tally } from '../fixtures/similarity/evaluate';
import { QUERIES } from '../fixtures/similarity/queries';

const PROCEDURES: ProcedureName[] = [{ id: 'kiem-dinh', name: 'Kiểm định phương tiện đo' }];

const EARLIER: SimilarityInput[] = [
  {
    id: 1,
    title: 'Chu kỳ kiểm định đồng hồ nước quá ngắn',
    content:
      'Theo Thông tư 23/2013/TT-BKHCN đồng hồ nước phải kiểm định 5 năm một lần, tháo lắp tốn kém cho hộ dân.',
    submitterKey: 'h-1',
  },
  {
    id: 2,
    title: 'Tem kiểm định cân ở chợ bị bong',
    content:
      'Tem kiểm định phương tiện đo dán trên cân của tiểu thương bị bong do ẩm, bị phạt theo Thông tư 23/2013/TT-BKHCN.',
  },
  { id: 3, title: 'Học phí mầm non tăng', content: 'Trường mầm non tăng học phí giữa năm học.' },
  { id: 4, title: 'Sổ đỏ cấp chậm', content: 'Văn phòng đăng ký đất đai trả kết quả chậm hai tháng.' },
  {
    id: 5,
    title: 'Phí kiểm định cột xăng',
    content: 'Mỗi nơi kiểm định phương tiện đo thu một mức phí khác nhau.',
  },
];

function setup() {
  const docs = EARLIER.map((d) => prepareDocument(d, PROCEDURES));
  return { docs, stats: buildCorpusStats(docs) };
}

describe('tokenize', () => {
  it('folds diacritics and đ, drops function words and citations', () => {
    expect(tokenize('Đồng hồ đo nước của hộ dân theo NĐ 20/2008')).toEqual([
      'dong',
      'ho',
      'do',
      'nuoc',
      'ho',
      'dan',
    ]);
    expect(tokenize('dong ho do nuoc cua ho dan')).toEqual(tokenize('Đồng hồ đo nước của hộ dân'));
  });
});

describe('rankSimilar', () => {
  it('names the shared phrases as the new PAKN writes them, diacritics and đ kept (walk-through)', () => {
    const { docs, stats } = setup();
    const title = 'Chu kỳ kiểm định đồng hồ nước quá ngắn';
    const content = 'Đề nghị kéo dài chu kỳ kiểm định đồng hồ nước của hộ dân, vì tháo lắp rất tốn kém.';
    const query = prepareDocument({ id: 'new', title, content }, PROCEDURES);
    const [best] = rankSimilar(query, docs, stats);
    expect(best?.id).toBe(1);
    const phrases = best?.reasons.find((r) => r.kind === 'text')?.detail.split(', ') ?? [];
    expect(phrases.length).toBeGreaterThan(0);
    const written = `${title} ${content}`.toLowerCase();
    for (const p of phrases) expect(written, p).toContain(p);
    expect(phrases.join(' ')).toMatch(/[ồỳểịướđ]/);
  });

  it('finds the same complaint typed without diacritics and says why', () => {
    const { docs, stats } = setup();
    const query = prepareDocument(
      {
        id: 'new',
        title: 'chu ky kiem dinh dong ho nuoc 5 nam qua ngan',
        content: 'de nghi keo dai chu ky kiem dinh dong ho nuoc, thong tu so 23 nam 2013',
        submitterKey: 'h-1',
      },
      PROCEDURES,
    );
    const [best] = rankSimilar(query, docs, stats);
    expect(best?.id).toBe(1);
    expect(best?.strength).toBe('strong');
    expect(best?.reasons.map((r) => r.kind)).toEqual(['text', 'citation', 'submitter']);
    expect(best?.reasons.find((r) => r.kind === 'citation')?.detail).toBe('tt:23/2013');
  });

  it('keeps a PAKN sharing only the procedure and decree as weak, never a suggestion of a repeat', () => {
    const { docs, stats } = setup();
    const query = prepareDocument(
      {
        id: 'new',
        title: 'Danh sách tổ chức kiểm định phương tiện đo không công khai',
        content: 'Không tìm được danh sách tổ chức được chỉ định, Thông tư 23/2013/TT-BKHCN.',
      },
      PROCEDURES,
    );
    const matches = rankSimilar(query, docs, stats, { limit: 5 });
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.every((m) => m.strength === 'weak')).toBe(true);
    expect(rankSimilar(query, docs, stats, { minStrength: 'medium' })).toEqual([]);
    const two = matches.find((m) => m.id === 2);
    expect(two?.reasons.map((r) => r.kind).sort()).toEqual(['citation', 'procedure', 'text']);
  });

  it('suggests nothing for an unrelated PAKN and skips the query itself', () => {
    const { docs, stats } = setup();
    const query = prepareDocument({ id: 3, title: 'Học phí mầm non tăng', content: 'Học phí tăng.' });
    expect(rankSimilar(query, docs, stats).map((m) => m.id)).not.toContain(3);
    const other = prepareDocument({ id: 'x', title: 'Giá điện bậc thang', content: 'Tiền điện quá cao.' });
    expect(rankSimilar(other, docs, stats)).toEqual([]);
  });

  it('penalises citing a different document of the same kind', () => {
    const { docs, stats } = setup();
    const text = {
      title: 'Chu kỳ kiểm định đồng hồ nước quá ngắn',
      content: 'Đồng hồ nước kiểm định 5 năm một lần.',
    };
    const same = prepareDocument({ id: 'a', ...text, regulationRef: 'TT 23/2013' });
    const other = prepareDocument({ id: 'b', ...text, regulationRef: 'TT 24/2013' });
    const target = docs[0];
    if (!target) throw new Error('no doc');
    expect(scoreCandidate(same, target, stats).score).toBeGreaterThan(
      scoreCandidate(other, target, stats).score,
    );
  });
});

describe('quality on the labelled set (docs/similarity.md)', () => {
  const cases = runCases();

  it('has at least 150 labelled pairs and 150 documents', () => {
    const pairs = QUERIES.reduce((n, q) => n + q.duplicates.length + q.notDuplicates.length, 0);
    expect(pairs).toBeGreaterThanOrEqual(150);
    expect(CORPUS.length).toBeGreaterThanOrEqual(150);
  });

  it.each(['train', 'heldout', 'all'] as const)('%s: recall@3 ≥ 0.9 and precision@1 ≥ 0.8', (split) => {
    const t = tally(cases.filter((c) => split === 'all' || c.split === split));
    expect(recallAt3(t)).toBeGreaterThanOrEqual(0.9);
    expect(precisionAt1(t)).toBeGreaterThanOrEqual(0.8);
  });
});

describe('findSimilar', () => {
  it('prepares and ranks raw inputs in one call', () => {
    const matches = findSimilar(
      {
        id: 'new',
        title: 'Tem kiem dinh can o cho bi bong',
        content: 'tem kiem dinh tren can cua tieu thuong bi bong',
      },
      EARLIER,
      { procedures: PROCEDURES, minStrength: 'medium' },
    );
    expect(matches.map((m) => m.id)).toEqual([2]);
  });
});

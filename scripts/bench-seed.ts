// Benchmark data: N realistic PAKN written straight into a migrated SQLite file, deterministic from a seed.
//   npm run bench:seed -- --count 100000 [--seed 42] [--end 2026-11-27] [--out .cache/bench/x.db] [--force]
// Vietnamese titles and bodies with diacritics, every status, ≈90 % online, fields and units, answers, a public
// timeline, published pages (with their public_fts rows), ratings, pauses, over 5 calendar years with the
// recent years heavier. Rows are written with prepared better-sqlite3 statements, 10 000 PAKN per
// transaction; pakn_fts is filled by its triggers (fast enough: see docs/benchmarks.md for the timings).
// The same (count, seed, end) always gives the same file contents, byte for byte apart from SQLite's own
// bookkeeping.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import Database from 'better-sqlite3';

import { createWorkingCalendar } from '~/domain/calendar';
import { computeDueDate, DEFAULT_DEADLINE_RULES } from '~/domain/deadlines';
import { formatPaknCode } from '~/domain/pakn';
import { foldVietnamese } from '~/domain/routing';
import { openDatabase, sqliteClientOf } from '~/utils/db.server';
import { registerSqlFunctions } from '~/utils/sql-functions.server';

import { isMainScript } from './is-main';

// ---------------------------------------------------------------------------------------------
// A small, fast, seeded PRNG (sfc32, seeded through splitmix32) and helpers

export function makeRng(seed: number) {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  /** weighted choice: [[value, weight], …] */
  const weighted = <T>(table: ReadonlyArray<readonly [T, number]>): T => {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = next() * total;
    for (const [v, w] of table) {
      r -= w;
      if (r < 0) return v;
    }
    return table[table.length - 1]![0];
  };
  return { next, int, pick, weighted, chance: (p: number) => next() < p };
}
export type Rng = Awaited<ReturnType<typeof makeRng>>;

// ---------------------------------------------------------------------------------------------
// Vocabulary

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Đoàn',
  'Trương',
];
const FAMILY_W = [38, 11, 9.5, 7, 5, 5, 4.5, 3.9, 3.9, 2.1, 2, 1.4, 1.3, 1.3, 1, 0.5, 0.6, 0.6].map(
  (w, i) => [FAMILY[i]!, w] as const,
);
const MIDDLE_M = ['Văn', 'Hữu', 'Minh', 'Đức', 'Quốc', 'Thanh', 'Công', 'Ngọc', 'Xuân', 'Đình'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thanh', 'Thu', 'Minh', 'Hồng', 'Kim', 'Mỹ', 'Phương', 'Diệu'];
const GIVEN_M = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Đạt',
  'Hải',
  'Hiếu',
  'Hùng',
  'Khánh',
  'Long',
  'Nam',
  'Phong',
  'Phúc',
  'Quân',
  'Sơn',
  'Thắng',
  'Trung',
  'Tuấn',
  'Việt',
  'Vĩnh',
  'Đông',
  'Lộc',
  'Tài',
  'Nghĩa',
];
const GIVEN_F = [
  'Anh',
  'Châu',
  'Giang',
  'Hà',
  'Hạnh',
  'Hoa',
  'Hương',
  'Lan',
  'Linh',
  'Mai',
  'Nga',
  'Ngân',
  'Nhung',
  'Quỳnh',
  'Tâm',
  'Thảo',
  'Trang',
  'Vân',
  'Yến',
  'Đào',
  'Huyền',
  'Loan',
  'Thủy',
  'Ánh',
];
const STREETS = [
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Nguyễn Huệ',
  'Hùng Vương',
  'Trần Phú',
  'Lê Duẩn',
  'Nguyễn Tất Thành',
  'Hai Bà Trưng',
  'Lê Thánh Tôn',
  'Duy Tân',
  'Phan Đình Phùng',
  'Ngô Quyền',
  'Độc Lập',
  'Điện Biên Phủ',
  'Nguyễn Trãi',
  'Bạch Đằng',
  'Trường Chinh',
  'Lý Thường Kiệt',
];
const PLACES = [
  'phường 1, thành phố Tuy Hòa',
  'phường 4, thành phố Tuy Hòa',
  'phường 7, thành phố Tuy Hòa',
  'phường 9, thành phố Tuy Hòa',
  'phường Phú Lâm, thành phố Tuy Hòa',
  'phường Xuân Phú, thị xã Sông Cầu',
  'phường Hòa Hiệp Trung, thị xã Đông Hòa',
  'thị trấn Chí Thạnh, huyện Tuy An',
  'thị trấn Củng Sơn, huyện Sơn Hòa',
  'thị trấn Hai Riêng, huyện Sông Hinh',
  'xã Hòa Kiến, thành phố Tuy Hòa',
  'xã An Ninh Đông, huyện Tuy An',
  'xã Hòa Quang Bắc, huyện Phú Hòa',
  'thị trấn La Hai, huyện Đồng Xuân',
];
const ORG_KIND = [
  'Công ty TNHH',
  'Công ty cổ phần',
  'Doanh nghiệp tư nhân',
  'Hợp tác xã',
  'Viện',
  'Trung tâm',
];
const ORG_NAME = [
  'Thiết bị Y tế Phú Yên',
  'Cơ khí Miền Trung',
  'Công nghệ Sông Đà Rằng',
  'Nông sản Tuy An',
  'Kiểm định Đại Lãnh',
  'Đo lường Việt Tín',
  'Điện tử Hòa Bình',
  'Thủy sản Xuân Đài',
  'Năng lượng Mặt trời Hòa Hội',
  'Phần mềm Vũng Rô',
  'Nghiên cứu Ứng dụng Đá Bia',
  'Dịch vụ Sở hữu trí tuệ An Phát',
];
const MAIL_DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com', 'outlook.com', 'vnpt.vn', 'fpt.vn'];
const PHONE_PREFIX = [
  '090',
  '091',
  '093',
  '094',
  '096',
  '097',
  '098',
  '086',
  '083',
  '088',
  '070',
  '077',
  '079',
  '035',
  '036',
  '037',
  '038',
  '039',
  '0257',
];

/** per field code: what the PAKN is about (noun phrases) and the regulations cited */
const TOPICS: Record<string, { things: string[]; refs: string[] }> = {
  HDKHCN: {
    things: [
      'thủ tục đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ',
      'hồ sơ xét chọn nhiệm vụ khoa học cấp tỉnh',
      'thủ tục cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ',
      'việc quyết toán kinh phí đề tài khoa học',
      'thủ tục thẩm định kết quả đề tài',
      'quy trình đánh giá, nghiệm thu nhiệm vụ khoa học và công nghệ',
    ],
    refs: [
      'Nghị định 08/2014/NĐ-CP',
      'Thông tư 03/2017/TT-BKHCN',
      'Luật Khoa học và Công nghệ 2013',
      'Thông tư 11/2014/TT-BKHCN',
    ],
  },
  CGCN: {
    things: [
      'thủ tục đăng ký chuyển giao công nghệ',
      'hồ sơ cấp giấy phép chuyển giao công nghệ',
      'thủ tục thẩm định công nghệ dự án đầu tư',
      'việc sửa đổi giấy chứng nhận đăng ký chuyển giao công nghệ',
    ],
    refs: ['Luật Chuyển giao công nghệ 2017', 'Nghị định 76/2018/NĐ-CP', 'Thông tư 02/2018/TT-BKHCN'],
  },
  SHTT: {
    things: [
      'thủ tục đăng ký nhãn hiệu tập thể',
      'hồ sơ hỗ trợ bảo hộ sở hữu công nghiệp',
      'việc xử lý vi phạm về sở hữu trí tuệ',
      'thủ tục cấp giấy chứng nhận chỉ dẫn địa lý',
      'thủ tục hỗ trợ đăng ký sáng chế',
    ],
    refs: ['Luật Sở hữu trí tuệ 2005', 'Nghị định 65/2023/NĐ-CP', 'Thông tư 23/2023/TT-BKHCN'],
  },
  TDC: {
    things: [
      'thủ tục kiểm định phương tiện đo',
      'thủ tục công bố hợp chuẩn, hợp quy',
      'việc cấp mã số mã vạch',
      'thủ tục kiểm tra nhà nước về chất lượng hàng hóa nhập khẩu',
      'việc kiểm định cột đo xăng dầu',
      'thủ tục đăng ký dấu định lượng',
    ],
    refs: [
      'Luật Đo lường 2011',
      'Nghị định 132/2008/NĐ-CP',
      'Thông tư 28/2012/TT-BKHCN',
      'Nghị định 13/2022/NĐ-CP',
      'Luật Tiêu chuẩn và Quy chuẩn kỹ thuật 2006',
    ],
  },
  NLNT: {
    things: [
      'thủ tục cấp giấy phép tiến hành công việc bức xạ',
      'việc khai báo thiết bị X-quang chẩn đoán trong y tế',
      'thủ tục cấp chứng chỉ nhân viên bức xạ',
      'việc gia hạn giấy phép sử dụng thiết bị bức xạ',
      'hồ sơ kiểm xạ định kỳ',
    ],
    refs: [
      'Luật Năng lượng nguyên tử 2008',
      'Nghị định 142/2020/NĐ-CP',
      'Thông tư 08/2010/TT-BKHCN',
      'Thông tư 13/2018/TT-BKHCN',
    ],
  },
  DNKHCN: {
    things: [
      'thủ tục cấp giấy chứng nhận doanh nghiệp khoa học và công nghệ',
      'việc hưởng ưu đãi thuế của doanh nghiệp khoa học và công nghệ',
      'hồ sơ hỗ trợ ươm tạo doanh nghiệp khởi nghiệp sáng tạo',
    ],
    refs: ['Nghị định 13/2019/NĐ-CP', 'Thông tư 06/2020/TT-BKHCN'],
  },
  TTTK: {
    things: [
      'chế độ báo cáo thống kê ngành khoa học và công nghệ',
      'việc cung cấp thông tin về nhiệm vụ khoa học và công nghệ',
      'thủ tục đăng ký thông tin kết quả nghiên cứu',
    ],
    refs: ['Nghị định 11/2014/NĐ-CP', 'Thông tư 14/2015/TT-BKHCN', 'Thông tư 15/2018/TT-BKHCN'],
  },
  KHAC: {
    things: [
      'việc tiếp nhận hồ sơ tại bộ phận một cửa',
      'thủ tục hành chính trên cổng dịch vụ công trực tuyến',
      'thời gian trả kết quả giải quyết thủ tục hành chính',
      'việc thu phí, lệ phí thủ tục hành chính',
      'cách hướng dẫn hồ sơ của cán bộ một cửa',
    ],
    refs: ['Nghị định 61/2018/NĐ-CP', 'Nghị định 107/2021/NĐ-CP', 'Thông tư 01/2018/TT-VPCP'],
  },
};

const TITLE_OPENERS_PA = [
  'Phản ánh về',
  'Phản ánh khó khăn trong',
  'Phản ánh vướng mắc liên quan đến',
  'Phản ánh thời gian giải quyết',
  'Phản ánh yêu cầu giấy tờ không cần thiết trong',
];
const TITLE_OPENERS_KN = [
  'Kiến nghị đơn giản hóa',
  'Kiến nghị sửa đổi quy định về',
  'Kiến nghị giảm thành phần hồ sơ của',
  'Kiến nghị công bố rõ',
  'Đề nghị hướng dẫn thực hiện',
  'Kiến nghị cho phép nộp trực tuyến',
];
const TITLE_TAILS = [
  '',
  '',
  '',
  ' tại Sở',
  ' cho doanh nghiệp nhỏ',
  ' đối với cá nhân',
  ' trên địa bàn tỉnh',
  ' năm nay',
];

const SENTENCES = [
  'Tôi đã nộp hồ sơ về {thing} từ đầu tháng nhưng đến nay vẫn chưa nhận được kết quả.',
  'Quy định hiện hành yêu cầu nộp bản sao có chứng thực trong khi cơ quan đã có dữ liệu điện tử, gây tốn kém thời gian và chi phí.',
  'Thành phần hồ sơ theo {ref} còn trùng lặp, nhiều giấy tờ đã được cơ quan nhà nước khác cấp trước đó.',
  'Đề nghị Sở xem xét cho phép nộp hồ sơ và nhận kết quả hoàn toàn trực tuyến để giảm số lần đi lại.',
  'Cán bộ tiếp nhận hướng dẫn chưa đầy đủ nên tôi phải bổ sung hồ sơ nhiều lần.',
  'Thời hạn giải quyết ghi trên giấy hẹn không khớp với thời hạn công bố trên cổng dịch vụ công.',
  'Biểu mẫu tờ khai chưa được cập nhật theo văn bản mới, gây lúng túng cho người dân khi thực hiện thủ tục.',
  'Mức phí, lệ phí đối với {thing} chưa được niêm yết công khai tại bộ phận một cửa.',
  'Doanh nghiệp chúng tôi mong muốn được hướng dẫn cụ thể về trình tự, thủ tục và thời gian thực hiện.',
  'Việc phải xin xác nhận của Ủy ban nhân dân xã là không cần thiết vì thông tin đã có trong cơ sở dữ liệu quốc gia về dân cư.',
  'Kính đề nghị Sở nghiên cứu, kiến nghị cơ quan có thẩm quyền sửa đổi quy định cho phù hợp với thực tế.',
  'Quy trình hiện nay yêu cầu thẩm định tại chỗ hai lần, làm kéo dài thời gian giải quyết.',
  'Hệ thống dịch vụ công trực tuyến thường xuyên bị lỗi khi tải tệp đính kèm dung lượng lớn.',
  'Tôi đề nghị công khai danh sách hồ sơ đang giải quyết để người dân tiện theo dõi tiến độ.',
  'Đối với {thing}, thời hạn 20 ngày là quá dài so với khối lượng công việc thực tế.',
  'Xin cảm ơn quý cơ quan đã quan tâm xem xét, giải quyết.',
];

const ANSWER_OPENERS = [
  'Sở Khoa học và Công nghệ tỉnh Phú Yên đã nghiên cứu nội dung phản ánh, kiến nghị và trả lời như sau:',
  'Sau khi xem xét hồ sơ và đối chiếu với quy định hiện hành, Sở Khoa học và Công nghệ trả lời như sau:',
  'Về nội dung kiến nghị liên quan đến {thing}, Sở Khoa học và Công nghệ có ý kiến như sau:',
];
const ANSWER_BODY: Record<string, string[]> = {
  amend: [
    'Sở đã sửa đổi quy trình nội bộ, bỏ yêu cầu nộp bản sao có chứng thực đối với giấy tờ đã có trong cơ sở dữ liệu.',
    'Thời gian giải quyết {thing} được rút ngắn từ 20 ngày xuống còn 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.',
  ],
  propose_higher: [
    'Nội dung kiến nghị thuộc thẩm quyền của Bộ Khoa học và Công nghệ; Sở đã có văn bản đề nghị Bộ xem xét sửa đổi {ref}.',
    'Sở sẽ tổng hợp kiến nghị vào báo cáo rà soát quy định thủ tục hành chính gửi Ủy ban nhân dân tỉnh.',
  ],
  new_rule: [
    'Sở đang dự thảo quy định mới hướng dẫn thực hiện {thing}, dự kiến ban hành trong quý tới.',
    'Dự thảo sẽ được đăng tải lấy ý kiến rộng rãi trên cổng thông tin điện tử của Sở.',
  ],
  stands: [
    'Quy định tại {ref} vẫn phù hợp với thực tế quản lý; việc yêu cầu thành phần hồ sơ nêu trên là cần thiết để bảo đảm an toàn.',
    'Sở giữ nguyên quy định và đã chỉ đạo bộ phận một cửa hướng dẫn đầy đủ, một lần cho người dân.',
  ],
};
const ANSWER_CLOSERS = [
  'Mọi vướng mắc xin liên hệ bộ phận một cửa của Sở để được hướng dẫn.',
  'Sở Khoa học và Công nghệ trân trọng cảm ơn ý kiến đóng góp của quý ông/bà.',
  'Thông tin chi tiết về thủ tục được công khai trên Cổng dịch vụ công của tỉnh.',
];
const NOTES = {
  refuse: ['R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08'],
  request_info: [
    'Đề nghị bổ sung bản chụp giấy hẹn trả kết quả.',
    'Đề nghị cung cấp số hồ sơ đã nộp trên cổng dịch vụ công.',
    'Đề nghị nêu rõ văn bản quy định đang phản ánh.',
  ],
  return: [
    'Đề nghị bổ sung căn cứ pháp lý trong dự thảo trả lời.',
    'Dự thảo cần trả lời đủ từng nội dung kiến nghị.',
  ],
};

// ---------------------------------------------------------------------------------------------
// Shapes of a lifetime: the final status depends on how long ago the PAKN arrived

type Status =
  | 'received'
  | 'refused'
  | 'transferred'
  | 'forwarded'
  | 'assigned'
  | 'in_progress'
  | 'awaiting_info'
  | 'drafted'
  | 'awaiting_approval'
  | 'returned'
  | 'keep_studying'
  | 'answered'
  | 'duplicate'
  | 'closed_no_info';

const FRESH: ReadonlyArray<readonly [Status, number]> = [
  ['received', 55],
  ['assigned', 30],
  ['in_progress', 8],
  ['refused', 3],
  ['transferred', 2],
  ['duplicate', 2],
];
const RECENT: ReadonlyArray<readonly [Status, number]> = [
  ['received', 2],
  ['assigned', 9],
  ['in_progress', 24],
  ['awaiting_info', 5],
  ['drafted', 7],
  ['awaiting_approval', 7],
  ['returned', 2],
  ['keep_studying', 1],
  ['answered', 32],
  ['refused', 5],
  ['transferred', 3],
  ['forwarded', 1],
  ['duplicate', 2],
];
const OLD: ReadonlyArray<readonly [Status, number]> = [
  ['answered', 74],
  ['refused', 8],
  ['transferred', 5],
  ['forwarded', 3],
  ['duplicate', 3],
  ['closed_no_info', 2],
  ['keep_studying', 2.5],
  ['in_progress', 1],
  ['awaiting_approval', 0.5],
  ['assigned', 0.5],
  ['awaiting_info', 0.5],
];
const CHANNELS: ReadonlyArray<readonly [string, number]> = [
  ['online', 90],
  ['post', 3],
  ['in_person', 3],
  ['email', 2],
  ['phone', 1],
  ['hotline', 1],
];
const OUTCOMES: ReadonlyArray<readonly [string, number]> = [
  ['stands', 45],
  ['amend', 25],
  ['propose_higher', 20],
  ['new_rule', 10],
];

const DAY = 86_400_000;
const TZ_OFFSET = 7 * 3_600_000; // Asia/Ho_Chi_Minh, no daylight saving
const localDate = (ms: number) => new Date(ms + TZ_OFFSET).toISOString().slice(0, 10);
/** a local date at a local hour, as epoch ms */
const atLocal = (date: string, hour: number) =>
  Date.parse(`${date}T00:00:00Z`) - TZ_OFFSET + hour * 3_600_000;

export type SeedOptions = {
  file: string;
  count: number;
  seed?: number;
  end?: string;
  log?: (msg: string) => void;
};
export type SeedReport = {
  file: string;
  count: number;
  seconds: number;
  events: number;
  answers: number;
  published: number;
  bytes: number;
};

/** Writes `count` PAKN into a fresh database at `file` (which must not exist). */
export function seedBench({
  file,
  count,
  seed = 42,
  end = new Date().toISOString().slice(0, 10),
  log = () => {},
}: SeedOptions): SeedReport {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(end)) throw new Error(`--end must be YYYY-MM-DD, got ${end}`);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`--count must be a positive integer, got ${count}`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const started = performance.now();
  // migrated and configured exactly as the portal does it, then reopened bare for the bulk load
  sqliteClientOf(openDatabase(file)).close();
  const raw = new Database(file);
  // the similar-PAKN index triggers call these (migration similarity_index)
  registerSqlFunctions(raw);
  // a bulk load into a file nobody else uses: no journal, no fsync, a big page cache; WAL is set back at the end
  raw.pragma('journal_mode = DELETE');
  raw.pragma('journal_mode = OFF');
  raw.pragma('synchronous = OFF');
  raw.pragma('cache_size = -1000000');
  raw.pragma('temp_store = MEMORY');
  if ((raw.prepare('SELECT count(*) AS n FROM pakn').get() as { n: number }).n > 0)
    throw new Error(`${file} already holds PAKN`);

  const rng = makeRng(seed);
  const prefix = (raw.prepare('SELECT code_prefix AS p FROM agency WHERE id = 1').get() as { p: string }).p;
  const fields = raw
    .prepare('SELECT id, code, default_unit_id AS unitId FROM fields ORDER BY sort_order, id')
    .all() as Array<{ id: number; code: string; unitId: number | null }>;
  const unitIds = (
    raw.prepare('SELECT id FROM units ORDER BY sort_order, id').all() as Array<{ id: number }>
  ).map((u) => u.id);
  const agencyIds = (
    raw.prepare('SELECT id FROM external_agencies ORDER BY id').all() as Array<{ id: number }>
  ).map((a) => a.id);
  const rules = new Map(
    (
      raw.prepare('SELECT key, days, unit FROM deadline_rules').all() as Array<{
        key: string;
        days: number;
        unit: 'working' | 'calendar';
      }>
    ).map((r) => [r.key, r]),
  );
  const calendar = createWorkingCalendar(
    raw.prepare('SELECT date, kind, note FROM calendar_overrides').all() as never,
  );
  const rule = (key: 'classify' | 'answer' | 'extension') => rules.get(key) ?? DEFAULT_DEADLINE_RULES[key];
  const dueMemo = new Map<string, { classify: string; answer: string }>();
  const dues = (date: string) => {
    let d = dueMemo.get(date);
    if (!d) {
      d = {
        classify: computeDueDate({ start: date, ...rule('classify'), calendar }).due,
        answer: computeDueDate({ start: date, ...rule('answer'), calendar }).due,
      };
      dueMemo.set(date, d);
    }
    return d;
  };
  const extMemo = new Map<string, string>();
  const extension = (from: string) => {
    let d = extMemo.get(from);
    if (!d) extMemo.set(from, (d = computeDueDate({ start: from, ...rule('extension'), calendar }).due));
    return d;
  };
  const fieldWeights = fields.map(
    (f) =>
      [
        f,
        (
          { TDC: 22, NLNT: 18, SHTT: 15, HDKHCN: 14, KHAC: 12, CGCN: 8, DNKHCN: 6, TTTK: 5 } as Record<
            string,
            number
          >
        )[f.code] ?? 5,
      ] as const,
  );

  // Arrival instants over five calendar years, 25 % more each year, fewer on weekends; sorted, so ids follow time.
  const endYear = Number(end.slice(0, 4));
  const startMs = atLocal(`${endYear - 4}-01-01`, 0);
  const endMs = atLocal(end, 17);
  const span = endMs - startMs;
  const k = Math.log(1.25) / (365.25 * DAY);
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    for (;;) {
      const t = startMs + Math.log1p(rng.next() * Math.expm1(k * span)) / k;
      const dow = new Date(t + TZ_OFFSET).getUTCDay();
      if ((dow === 0 || dow === 6) && rng.chance(0.6)) continue;
      times[i] = Math.floor(t);
      break;
    }
  }
  times.sort();

  const insPakn =
    raw.prepare(`INSERT INTO pakn (id, code, type, subject, category, submitter_kind, org_name, representative,
    full_name, address, phone, email, title, content, regulation_ref, field_id, unit_id, status, channel, lang, received_at,
    received_date, classify_due, answer_due, extended_to, consent_at, show_identity, access_token_hash, duplicate_of_id,
    refusal_reason, transfer_agency_id, handler_user_id, answered_at, publication, public_title, public_summary, public_answer,
    published_at, withdrawn_reason, on_time, search_text, version, created_at, updated_at, closed_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insEvent =
    raw.prepare(`INSERT INTO events (pakn_id, type, actor_user_id, from_status, to_status, note, is_public, data, created_at)
    VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?)`);
  const insAnswer = raw.prepare(
    `INSERT INTO answers (pakn_id, outcome, body, approved_at, return_comment, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insPublic = raw.prepare('INSERT INTO public_fts (rowid, text) VALUES (?, ?)');
  const insPause = raw.prepare('INSERT INTO pakn_pauses (pakn_id, from_date, to_date) VALUES (?, ?, ?)');
  const insRating = raw.prepare(
    `INSERT INTO feedback_ratings (pakn_id, rating, comment, reconsideration_requested, created_at) VALUES (?, ?, ?, ?, ?)`,
  );

  const seq = new Map<number, number>();
  let events = 0;
  let answers = 0;
  let published = 0;

  const fill = (s: string, thing: string, ref: string) => s.replace('{thing}', thing).replace('{ref}', ref);
  const personName = () => {
    const female = rng.chance(0.5);
    return `${rng.weighted(FAMILY_W)} ${rng.pick(female ? MIDDLE_F : MIDDLE_M)} ${rng.pick(female ? GIVEN_F : GIVEN_M)}`;
  };

  const one = (i: number) => {
    const id = i + 1;
    const receivedAt = times[i]!;
    const receivedDate = localDate(receivedAt);
    const year = Number(receivedDate.slice(0, 4));
    const n = (seq.get(year) ?? 0) + 1;
    seq.set(year, n);
    const code = formatPaknCode(prefix, year, n);
    const ageDays = (endMs - receivedAt) / DAY;
    const status: Status = rng.weighted(ageDays <= 2 ? FRESH : ageDays <= 45 ? RECENT : OLD);
    const field = rng.chance(0.93) ? rng.weighted(fieldWeights) : null;
    const topic = TOPICS[field?.code ?? 'KHAC'] ?? TOPICS.KHAC!;
    const thing = rng.pick(topic.things);
    const ref = rng.pick(topic.refs);
    const type = rng.chance(0.55) ? 'phan_anh' : 'kien_nghi';
    const behaviour = rng.chance(0.15);
    const category = behaviour ? 1 : 2 + rng.int(7);
    const org = rng.chance(0.15);
    const fullName = personName();
    const orgName = org ? `${rng.pick(ORG_KIND)} ${rng.pick(ORG_NAME)}` : null;
    const address = `${1 + rng.int(250)} ${rng.pick(STREETS)}, ${rng.pick(PLACES)}, tỉnh Phú Yên`;
    const pp = rng.pick(PHONE_PREFIX);
    let phone = pp;
    while (phone.length < (pp.length === 4 ? 11 : 10)) phone += String(rng.int(10));
    const email = rng.chance(0.6)
      ? `${foldVietnamese(fullName).split(' ').reverse().join('.')}${rng.int(1000)}@${rng.pick(MAIL_DOMAINS)}`
      : null;
    const opener = rng.pick(type === 'phan_anh' ? TITLE_OPENERS_PA : TITLE_OPENERS_KN);
    const title = `${opener} ${thing}${rng.pick(TITLE_TAILS)}`;
    const sentences: string[] = [
      `Kính gửi Sở Khoa học và Công nghệ tỉnh Phú Yên. Tôi xin ${type === 'phan_anh' ? 'phản ánh' : 'kiến nghị'} về ${thing}.`,
    ];
    const nSent = 2 + rng.int(4);
    for (let j = 0; j < nSent; j++) sentences.push(fill(rng.pick(SENTENCES), thing, ref));
    const content = sentences.join(' ');
    const channel = rng.weighted(CHANNELS);
    const lang = channel === 'online' && rng.chance(0.03) ? 'en' : 'vi';
    const due = dues(receivedDate);
    const extendedTo = ageDays > 20 && rng.chance(0.03) ? extension(due.answer) : null;
    const effectiveDue = extendedTo ?? due.answer;
    const classifiedAt = Math.min(receivedAt + (0.1 + rng.next() * 1.8) * DAY, endMs - 60_000);
    const unitId = status === 'received' ? null : (field?.unitId ?? rng.pick(unitIds));

    // the answer, when there is one
    let answeredAt: number | null = null;
    let onTime: number | null = null;
    if (status === 'answered') {
      const late = rng.chance(0.12);
      const dueAt = atLocal(effectiveDue, 16);
      const from = classifiedAt + DAY;
      answeredAt = late ? dueAt + (1 + rng.int(15)) * DAY : from + rng.next() * Math.max(DAY, dueAt - from);
      if (answeredAt > endMs - 3_600_000) answeredAt = endMs - 3_600_000 - rng.int(3_600_000);
      if (answeredAt < classifiedAt) answeredAt = classifiedAt + 60_000;
      answeredAt = Math.floor(answeredAt);
      onTime = localDate(answeredAt) <= effectiveDue ? 1 : 0;
    }
    const closing = ['refused', 'transferred', 'forwarded', 'duplicate'].includes(status);
    const closedAt =
      answeredAt ??
      (closing
        ? Math.floor(classifiedAt)
        : status === 'closed_no_info'
          ? Math.floor(Math.min(classifiedAt + 20 * DAY, endMs - 60_000))
          : null);

    const outcome = status === 'keep_studying' ? 'keep_studying' : rng.weighted(OUTCOMES);
    const hasAnswer = ['drafted', 'awaiting_approval', 'returned', 'answered', 'keep_studying'].includes(
      status,
    );
    let answerBody = '';
    if (hasAnswer) {
      const body = outcome === 'keep_studying' ? ANSWER_BODY.propose_higher! : ANSWER_BODY[outcome]!;
      answerBody = [
        fill(rng.pick(ANSWER_OPENERS), thing, ref),
        '',
        ...body.map((s) => `- ${fill(s, thing, ref)}`),
        '',
        rng.pick(ANSWER_CLOSERS),
      ].join('\n');
    }

    // publication: about 40 % of answers, two working days or so after the answer
    let publication = 'none';
    let publishedAt: number | null = null;
    let publicTitle: string | null = null;
    let publicSummary: string | null = null;
    let publicAnswer: string | null = null;
    let withdrawnReason: string | null = null;
    if (answeredAt !== null && rng.chance(0.4)) {
      const at = Math.floor(answeredAt + (0.5 + rng.next() * 3) * DAY);
      if (at < endMs) {
        publication = rng.chance(0.005) ? 'withdrawn' : 'published';
        publishedAt = at;
        publicTitle = title;
        publicSummary = sentences.slice(1, 3).join(' ');
        publicAnswer = answerBody;
        if (publication === 'withdrawn') withdrawnReason = 'Gỡ công khai theo đề nghị của người gửi.';
      }
    }

    const searchText = foldVietnamese(
      [code, title, content, fullName, orgName ?? '', email ?? '', phone].join(' '),
    );
    const tokenHash = createHash('sha256').update(`bench:${seed}:${id}`).digest('hex');

    // the timeline
    const ev: Array<[string, string | null, string | null, string | null, number, string | null, number]> =
      [];
    ev.push(['received', null, 'received', null, 1, JSON.stringify({ channel }), receivedAt]);
    let t = Math.floor(classifiedAt);
    let version = 1;
    if (status !== 'received') {
      if (status === 'refused')
        ev.push(['refuse', 'received', 'refused', rng.pick(NOTES.refuse), 1, null, t]);
      else if (status === 'transferred')
        ev.push([
          'transfer',
          'received',
          'transferred',
          'Chuyển cơ quan có thẩm quyền.',
          1,
          JSON.stringify({ agencyId: rng.pick(agencyIds) }),
          t,
        ]);
      else if (status === 'forwarded')
        ev.push(['forward', 'received', 'forwarded', 'Nội dung về hành vi hành chính.', 1, null, t]);
      else if (status === 'duplicate')
        ev.push(['mark_duplicate', 'received', 'duplicate', 'Trùng nội dung đã gửi trước đó.', 1, null, t]);
      else {
        ev.push(['assign', 'received', 'assigned', null, 1, JSON.stringify({ unitId }), t]);
        // each step a little after the previous one, and all of them before the answer when there is one
        const limit = answeredAt !== null ? answeredAt - 60_000 : endMs - 60_000;
        const stepTo = (
          type: string,
          from: Status,
          to: Status | null,
          note: string | null,
          pub: 0 | 1,
          at?: number,
        ) => {
          const next =
            answeredAt !== null
              ? t + (limit - t) * (0.1 + rng.next() * 0.4)
              : t + (0.2 + rng.next() * 3) * DAY;
          t = Math.floor(at ?? Math.max(t + 1000, Math.min(next, limit)));
          ev.push([type, from, to, note, pub, null, t]);
        };
        if (status !== 'assigned') {
          stepTo('take', 'assigned', 'in_progress', null, 0);
          if (status === 'awaiting_info' || status === 'closed_no_info' || rng.chance(0.05)) {
            stepTo('request_info', 'in_progress', 'awaiting_info', rng.pick(NOTES.request_info), 1);
            if (status === 'closed_no_info')
              stepTo('close_no_info', 'awaiting_info', 'closed_no_info', null, 1);
            else if (status !== 'awaiting_info')
              stepTo('receive_info', 'awaiting_info', 'in_progress', null, 1);
          }
          if (hasAnswer) {
            stepTo('draft', 'in_progress', 'drafted', null, 0);
            if (status === 'returned' || rng.chance(0.08)) {
              stepTo('submit', 'drafted', 'awaiting_approval', null, 0);
              stepTo('return', 'awaiting_approval', 'returned', rng.pick(NOTES.return), 0);
              if (status !== 'returned') stepTo('edit_draft', 'returned', 'drafted', null, 0);
            }
            if (status === 'awaiting_approval' || status === 'answered' || status === 'keep_studying')
              stepTo('submit', 'drafted', 'awaiting_approval', null, 0);
            if (status === 'answered')
              stepTo('approve', 'awaiting_approval', 'answered', null, 1, answeredAt!);
            if (status === 'keep_studying')
              stepTo('keep_studying', 'awaiting_approval', 'keep_studying', null, 1);
          }
        }
      }
      if (extendedTo)
        ev.push([
          'extend',
          null,
          null,
          'Nội dung phức tạp, cần lấy ý kiến cơ quan liên quan.',
          1,
          JSON.stringify({ to: extendedTo }),
          Math.floor(classifiedAt + DAY),
        ]);
      if (publishedAt !== null) ev.push(['published', null, null, null, 1, null, publishedAt]);
      if (publication === 'withdrawn')
        ev.push([
          'withdrawn',
          null,
          null,
          withdrawnReason,
          1,
          null,
          Math.min(publishedAt! + 5 * DAY, endMs - 1),
        ]);
      version = ev.length;
    }
    ev.sort((a, b) => a[6] - b[6]);
    const updatedAt = ev.length > 1 ? ev[ev.length - 1]![6] : null;

    insPakn.run(
      id,
      code,
      type,
      behaviour ? 'behaviour' : 'regulation',
      category,
      org ? 'organisation' : 'individual',
      orgName,
      org ? fullName : null,
      fullName,
      address,
      phone,
      email,
      title,
      content,
      !behaviour && rng.chance(0.7) ? ref : null,
      field?.id ?? null,
      unitId,
      status,
      channel,
      lang,
      receivedAt,
      receivedDate,
      due.classify,
      due.answer,
      extendedTo,
      receivedAt,
      rng.chance(0.1) ? 1 : 0,
      tokenHash,
      status === 'duplicate' && id > 1 ? 1 + rng.int(id - 1) : null,
      status === 'refused' ? rng.pick(NOTES.refuse) : null,
      status === 'transferred' ? rng.pick(agencyIds) : null,
      null,
      answeredAt,
      publication,
      publicTitle,
      publicSummary,
      publicAnswer,
      publishedAt,
      withdrawnReason,
      onTime,
      searchText,
      version,
      receivedAt,
      updatedAt,
      closedAt,
    );
    for (const e of ev) insEvent.run(id, e[0], e[1], e[2], e[3], e[4], e[5], e[6]);
    events += ev.length;
    if (hasAnswer) {
      insAnswer.run(
        id,
        outcome,
        answerBody,
        answeredAt,
        status === 'returned' ? rng.pick(NOTES.return) : null,
        answeredAt ?? t,
      );
      answers += 1;
    }
    if (publication === 'published') {
      insPublic.run(id, foldVietnamese(`${publicTitle} ${publicSummary} ${publicAnswer}`));
      published += 1;
    }
    if (status === 'awaiting_info') {
      const req = ev.find((e) => e[0] === 'request_info');
      insPause.run(id, localDate(req?.[6] ?? receivedAt), null);
    }
    if (answeredAt !== null && rng.chance(0.15)) {
      const rating = rng.weighted([
        ['satisfied', 70],
        ['neutral', 20],
        ['unsatisfied', 10],
      ] as const);
      insRating.run(
        id,
        rating,
        rating === 'unsatisfied' ? 'Câu trả lời chưa giải quyết được vướng mắc.' : null,
        rating === 'unsatisfied' && rng.chance(0.3) ? 1 : 0,
        Math.min(answeredAt + 2 * DAY, endMs - 1),
      );
    }
  };

  const BATCH = 10_000;
  const batch = raw.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) one(i);
  });
  let lastLog = performance.now();
  for (let from = 0; from < count; from += BATCH) {
    batch(from, Math.min(count, from + BATCH));
    if (performance.now() - lastLog > 5000) {
      lastLog = performance.now();
      log(
        `  ${Math.min(count, from + BATCH).toLocaleString('en')} / ${count.toLocaleString('en')} PAKN (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
    }
  }
  const setSeq = raw.prepare(
    'INSERT INTO code_sequences (year, last) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET last = excluded.last',
  );
  raw.transaction(() => {
    for (const [year, last] of seq) setSeq.run(year, last);
  })();
  // the production connection opens it in WAL mode; leave it that way, with the WAL folded back in
  raw.pragma('journal_mode = WAL');
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  const seconds = (performance.now() - started) / 1000;
  return { file, count, seconds, events, answers, published, bytes: fs.statSync(file).size };
}

// ---------------------------------------------------------------------------------------------
// CLI

function main() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      count: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '42' },
      end: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count!.replace(/[_,]/g, ''));
  const seed = Number(values.seed);
  const end = values.end ?? new Date().toISOString().slice(0, 10);
  const out = path.resolve(values.out ?? `.cache/bench/seed-${count}-s${seed}-${end}.db`);
  if (fs.existsSync(out) && !values.force) {
    console.error(`${out} exists: pass --force to replace it`);
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  console.log(`seeding ${count.toLocaleString('en')} PAKN (seed ${seed}, up to ${end}) into ${out}`);
  const r = seedBench({ file: out, count, seed, end, log: console.log });
  // what `npm run bench` reads to reuse this file (and to report how long it took)
  const { file: _file, count: _count, ...info } = r;
  fs.writeFileSync(`${out}.json`, JSON.stringify(info));
  console.log(
    `done in ${r.seconds.toFixed(1)} s: ${r.count.toLocaleString('en')} PAKN, ${r.events.toLocaleString('en')} events, ` +
      `${r.answers.toLocaleString('en')} answers, ${r.published.toLocaleString('en')} published, ${(r.bytes / 2 ** 20).toFixed(0)} MB`,
  );
}

if (isMainScript('bench-seed')) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

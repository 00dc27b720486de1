// Phase 1 of the async conversion (ADR 0018), run on the synchronous code while its types still resolve:
// drizzle builder terminals and raw queries become awaited portable calls, transactions become transaction(db, async …).
//   node --experimental-strip-types phase1.ts <repo>
import path from 'node:path';

import { Node, Project, type CallExpression, type SourceFile } from 'ts-morph';

import { applyEdits, type TextEdit } from './lib.ts';

const repo = path.resolve(process.argv[2] ?? '.');
const project = new Project({ tsConfigFilePath: path.join(repo, 'tsconfig.json') });
const files = project
  .getSourceFiles()
  .filter((f) => !f.getFilePath().includes('/node_modules/'))
  .filter((f) => /\/(app|tests|scripts|db)\//.test(f.getFilePath()))
  .filter(
    (f) =>
      !/app\/utils\/db\.server\.ts$|db\/seed\.ts$|tests\/integration\/async-db\.test\.ts$/.test(
        f.getFilePath(),
      ),
  );

const BUILDER =
  /SQLite(Select|Insert|Update|Delete|Relational|SyncRelational|Raw|Count)|SQLiteSelectBase|SQLiteInsertBase|SQLiteUpdateBase|SQLiteDeleteBase|SQLiteCountBuilder|SQLiteRelationalQuery/;
const DATABASE =
  /BetterSQLite3Database|SQLiteTransaction|BaseSQLiteDatabase|SqliteRemoteDatabase|^Db$|^Tx$|^DbOrTx$/;
const RAW = { all: 'rawAll', get: 'rawGet', run: 'rawRun', values: 'rawValues' } as const;

type Edit = { call: CallExpression; text: string };
const needs = new Map<SourceFile, Set<string>>();
const note = (f: SourceFile, name: string) => {
  if (!needs.has(f)) needs.set(f, new Set());
  needs.get(f)!.add(name);
};
const counts: Record<string, number> = {};
const count = (k: string) => (counts[k] = (counts[k] ?? 0) + 1);

function typeText(n: Node): string {
  try {
    return n.getType().getText(undefined, 0);
  } catch {
    return '';
  }
}

const pending = new Map<SourceFile, TextEdit[]>();
for (const file of files) {
  const edits: Edit[] = [];
  file.forEachDescendant((node) => {
    if (!Node.isCallExpression(node)) return;
    const callee = node.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) return;
    const name = callee.getName();
    const receiver = callee.getExpression();
    const args = node.getArguments();
    if (name === 'transaction' && args.length >= 1 && DATABASE.test(typeText(receiver))) {
      const fn = args[0]!;
      if (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) {
        const body = fn.getText();
        const asyncBody = fn.isAsync() ? body : `async ${body}`;
        const rest = args.slice(1).map((a) => a.getText());
        edits.push({
          call: node,
          text: `(await transaction(${receiver.getText()}, ${asyncBody}${rest.length ? `, ${rest.join(', ')}` : ''}))`,
        });
        note(file, 'transaction');
        count('transaction');
      } else {
        edits.push({ call: node, text: `(await transaction(${receiver.getText()}, ${fn.getText()}))` });
        note(file, 'transaction');
        count('transaction (named fn)');
      }
      return;
    }
    if (!(name in RAW)) return;
    const key = name as keyof typeof RAW;
    const rt = typeText(receiver);
    if (args.length === 0 && BUILDER.test(rt)) {
      if (key === 'get') {
        // a .get() typed without undefined (insert/update … returning) must find its row: one() throws if not
        // a select may find nothing (first: undefined); an insert/update/delete … returning must give its row (one)
        const isSelect = /^[\w.()]*\.select(Distinct)?\(/.test(receiver.getText().replace(/\s+/g, ''));
        const helper = isSelect ? 'first' : 'one';
        edits.push({ call: node, text: `(await ${helper}(${receiver.getText()}))` });
        note(file, helper);
      } else {
        edits.push({ call: node, text: `(await ${receiver.getText()})` });
      }
      count(`builder.${key}`);
      return;
    }
    if (args.length === 1 && DATABASE.test(rt)) {
      const typeArgs = node.getTypeArguments().map((t) => t.getText());
      const ta = typeArgs.length ? `<${typeArgs.join(', ')}>` : '';
      edits.push({
        call: node,
        text: `(await ${RAW[key]}${ta}(${receiver.getText()}, ${args[0]!.getText()}))`,
      });
      note(file, RAW[key]);
      count(`raw.${key}`);
    }
  });
  pending.set(
    file,
    edits.map((e) => ({ start: e.call.getStart(), end: e.call.getEnd(), text: e.text })),
  );
}
let applied = 0;
for (const [file, edits] of pending) if (edits.length) applied += applyEdits(file, edits);
console.log('applied', applied);

for (const [file, names] of needs) {
  const existing = file.getImportDeclaration((d) => d.getModuleSpecifierValue() === '~/utils/db.server');
  if (existing) {
    const have = new Set(existing.getNamedImports().map((n) => n.getName()));
    for (const n of names) if (!have.has(n)) existing.addNamedImport(n);
    if (existing.isTypeOnly()) existing.setIsTypeOnly(false);
  } else {
    file.addImportDeclaration({ moduleSpecifier: '~/utils/db.server', namedImports: [...names] });
  }
}

await project.save();
console.log(counts);

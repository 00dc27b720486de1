// prepared(db, SQL).all(params) → (await namedAll(db, SQL, params)); .get → namedGet
import path from 'node:path';
import { Node, Project } from 'ts-morph';
import { applyEdits, type TextEdit } from './lib.ts';
const repo = path.resolve(process.argv[2] ?? '.');
const project = new Project({ tsConfigFilePath: path.join(repo, 'tsconfig.json') });
let n = 0;
for (const f of project.getSourceFiles().filter((x) => x.getFilePath().includes('/app/models/reports/'))) {
  const edits: TextEdit[] = [];
  f.forEachDescendant((c) => {
    if (!Node.isCallExpression(c)) return;
    const pa = c.getExpression();
    if (!Node.isPropertyAccessExpression(pa) || !['all', 'get'].includes(pa.getName())) return;
    const inner = pa.getExpression();
    if (!Node.isCallExpression(inner) || inner.getExpression().getText() !== 'prepared') return;
    const [db, q] = inner.getArguments().map((a) => a.getText());
    const args = c
      .getArguments()
      .map((a) => a.getText())
      .join(', ');
    const fn = pa.getName() === 'all' ? 'namedAll' : 'namedGet';
    edits.push({
      start: c.getStart(),
      end: c.getEnd(),
      text: `(await ${fn}(${db}, ${q}${args ? `, ${args}` : ''}))`,
    });
  });
  if (edits.length) {
    n += applyEdits(f, edits);
    const d = f.getImportDeclaration((x) =>
      /reports\/sql\.server|\.\/sql\.server/.test(x.getModuleSpecifierValue()),
    );
    if (d) {
      for (const name of ['namedAll', 'namedGet'])
        if (!d.getNamedImports().some((i) => i.getName() === name)) d.addNamedImport(name);
      const pi = d.getNamedImports().find((i) => i.getName() === 'prepared');
      pi?.remove();
    }
  }
}
await project.save();
console.log('named', n);

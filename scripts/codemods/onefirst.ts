// one(<select …>) → first(<select …>): the codemod's phase 1 took a promise type for "never undefined"
import path from 'node:path';
import { Node, Project } from 'ts-morph';
import { applyEdits, type TextEdit } from './lib.ts';
const repo = path.resolve(process.argv[2] ?? '.');
const project = new Project({ tsConfigFilePath: path.join(repo, 'tsconfig.json') });
let n = 0;
for (const f of project
  .getSourceFiles()
  .filter(
    (x) => /\/(app|tests|scripts|db)\//.test(x.getFilePath()) && !x.getFilePath().includes('codemods'),
  )) {
  const edits: TextEdit[] = [];
  f.forEachDescendant((c) => {
    if (!Node.isCallExpression(c) || c.getExpression().getText() !== 'one') return;
    const arg = c.getArguments()[0];
    if (!arg) return;
    const t = arg.getText().replace(/\s+/g, '');
    if (!/^[\w.()]*\.select(Distinct)?\(/.test(t)) return;
    const callee = c.getExpression();
    edits.push({ start: callee.getStart(), end: callee.getEnd(), text: 'first' });
  });
  if (edits.length) {
    n += applyEdits(f, edits);
    const d = f.getImportDeclarations().find((x) => /utils\/db\.server$/.test(x.getModuleSpecifierValue()));
    if (d && !d.getNamedImports().some((i) => i.getName() === 'first')) d.addNamedImport('first');
    const still = f
      .getDescendants()
      .some((x) => Node.isCallExpression(x) && x.getExpression().getText() === 'one');
    if (d && !still)
      d.getNamedImports()
        .find((i) => i.getName() === 'one')
        ?.remove();
  }
}
await project.save();
console.log('one→first', n);

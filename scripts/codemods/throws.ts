// expect(async () => …).toThrow(x) → await expect((async () => …)()).rejects.toThrow(x)
// expect(async () => …).not.toThrow() → await (async () => …)()
import path from 'node:path';
import { Node, Project, SyntaxKind } from 'ts-morph';
import { applyEdits, type TextEdit } from './lib.ts';
const repo = path.resolve(process.argv[2] ?? '.');
const project = new Project({ tsConfigFilePath: path.join(repo, 'tsconfig.json') });
let n = 0;
for (const f of project.getSourceFiles().filter((x) => /\/tests\//.test(x.getFilePath()))) {
  const edits: TextEdit[] = [];
  f.forEachDescendant((c) => {
    if (!Node.isCallExpression(c)) return;
    const pa = c.getExpression();
    if (!Node.isPropertyAccessExpression(pa) || !/^toThrow(Error)?$/.test(pa.getName())) return;
    let recv = pa.getExpression();
    let negated = false;
    if (Node.isPropertyAccessExpression(recv) && recv.getName() === 'not') {
      negated = true;
      recv = recv.getExpression();
    }
    if (!Node.isCallExpression(recv) || recv.getExpression().getText() !== 'expect') return;
    const fn = recv.getArguments()[0];
    if (!fn || !(Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) return;
    const sym = fn.getReturnType().getSymbol();
    if (!fn.isAsync() && sym?.getName() !== 'Promise') return;
    const call = `(${fn.getText()})()`;
    const args = c.getArguments().map((a) => a.getText()).join(', ');
    const text = negated ? `await ${call}` : `await expect(${call}).rejects.${pa.getName()}(${args})`;
    const stmt = c.getParentIfKind(
      // keep it simple: only whole expression statements
      SyntaxKind.ExpressionStatement,
    );
    if (!stmt) return;
    edits.push({ start: c.getStart(), end: c.getEnd(), text });
  });
  if (edits.length) n += applyEdits(f, edits);
}
await project.save();
console.log('throws', n);

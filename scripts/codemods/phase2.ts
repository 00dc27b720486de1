// Phase 2 of the async conversion: (a) a function whose own body awaits becomes async (an annotated return type
// T becomes Promise<T>); (b) a call of a project function that is async, in a place that used its value or
// relied on it having finished, gets an await. Repeated until nothing changes.
//   tsx phase2.ts <repo> [maxRounds]
import path from 'node:path';

import {
  type CallExpression,
  Node,
  Project,
  type SourceFile,
  SyntaxKind,
} from 'ts-morph';

import { applyEdits, type TextEdit } from './lib.ts';

const repo = path.resolve(process.argv[2] ?? '.');
const maxRounds = Number(process.argv[3] ?? 30);
const project = new Project({ tsConfigFilePath: path.join(repo, 'tsconfig.json') });
const inRepo = (f: SourceFile) =>
  !f.getFilePath().includes('/node_modules/') && /\/(app|tests|scripts|db)\//.test(f.getFilePath());
const files = project
  .getSourceFiles()
  .filter(inRepo)
  .filter((f) => !/app\/utils\/db\.server\.ts$|db\/seed\.ts$/.test(f.getFilePath()));

type Fn = Node & { isAsync(): boolean };
function isFunctionLike(n: Node): n is Fn {
  return (
    Node.isFunctionDeclaration(n) ||
    Node.isArrowFunction(n) ||
    Node.isFunctionExpression(n) ||
    Node.isMethodDeclaration(n)
  );
}
function ownFunction(n: Node): Fn | undefined {
  let p = n.getParent();
  while (p && !isFunctionLike(p)) p = p.getParent();
  return p;
}

const log: string[] = [];

/** A return statement of a function annotated with a non-Promise type, returning a promise. */
function returnsPromiseAgainstAnnotation(n: Node): boolean {
  if (!Node.isReturnStatement(n)) return false;
  const e = n.getExpression();
  if (!e || !Node.isCallExpression(e)) return false;
  if (!returnsPromise(e)) return false;
  const fn = ownFunction(n);
  if (!fn || fn.isAsync()) return false;
  const rt = 'getReturnTypeNode' in fn && typeof fn.getReturnTypeNode === 'function' ? fn.getReturnTypeNode() : undefined;
  return !!rt && Node.isNode(rt) && !/^Promise</.test(rt.getText());
}

/** (a0): an async function annotated with a non-Promise return type T gets Promise<T>. */
function annotationEdits(file: SourceFile): TextEdit[] {
  const edits: TextEdit[] = [];
  file.forEachDescendant((fn) => {
    if (!isFunctionLike(fn) || !fn.isAsync()) return;
    if ('isGenerator' in fn && typeof fn.isGenerator === 'function' && fn.isGenerator()) return;
    const rt = 'getReturnTypeNode' in fn && typeof fn.getReturnTypeNode === 'function' ? fn.getReturnTypeNode() : undefined;
    if (rt && Node.isNode(rt) && !/^Promise</.test(rt.getText()))
      edits.push({ start: rt.getStart(), end: rt.getEnd(), text: `Promise<${rt.getText()}>` });
  });
  return edits;
}

/** (d): `.changes` of an awaited write becomes changesOf(…), which reads SQLite's changes or PostgreSQL's rowCount. */
function changesEdits(file: SourceFile): TextEdit[] {
  const edits: TextEdit[] = [];
  file.forEachDescendant((n) => {
    if (!Node.isPropertyAccessExpression(n) || n.getName() !== 'changes') return;
    const obj = n.getExpression();
    if (!/SqliteRemoteResult/.test(obj.getType().getText())) return;
    edits.push({ start: n.getStart(), end: n.getEnd(), text: `changesOf(${obj.getText()})` });
    needsImport.add(file);
  });
  return edits;
}
const needsImport = new Set<SourceFile>();

/** (a): edits that make functions with an own await async. */
function asyncEdits(file: SourceFile): TextEdit[] {
  const edits: TextEdit[] = [];
  const seen = new Set<Node>();
  file.forEachDescendant((n) => {
    if (!Node.isAwaitExpression(n) && !(Node.isForOfStatement(n) && n.isAwaited()) && !returnsPromiseAgainstAnnotation(n)) return;
    const fn = ownFunction(n);
    if (!fn || fn.isAsync() || seen.has(fn)) return;
    seen.add(fn);
    // the `async` keyword goes before the function's first token (after modifiers such as export)
    const start = Node.isArrowFunction(fn)
      ? fn.getStart()
      : Node.isMethodDeclaration(fn)
        ? fn.getNameNode().getStart()
        : (fn.getFirstChildByKind(SyntaxKind.FunctionKeyword)?.getStart() ?? fn.getStart());
    edits.push({ start, end: start, text: 'async ' });
    const rt = 'getReturnTypeNode' in fn && typeof fn.getReturnTypeNode === 'function' ? fn.getReturnTypeNode() : undefined;
    if (rt && Node.isNode(rt) && !/^Promise</.test(rt.getText()))
      edits.push({ start: rt.getStart(), end: rt.getEnd(), text: `Promise<${rt.getText()}>` });
    const name = Node.isFunctionDeclaration(fn) ? fn.getName() : Node.isMethodDeclaration(fn) ? fn.getName() : '(callback)';
    const parentCall = fn.getParentIfKind(SyntaxKind.CallExpression);
    const callee = parentCall?.getExpression().getText() ?? '';
    if (/\.(map|forEach|filter|flatMap|some|every|find|reduce|sort)$/.test(callee) || /^(setInterval|setTimeout)$/.test(callee))
      log.push(`CHECK ${file.getBaseName()}:${fn.getStartLineNumber()} async callback of ${callee}`);
    if (file.getFilePath().endsWith('.tsx') && name && /^[A-Z]/.test(name))
      log.push(`CHECK ${file.getBaseName()}:${fn.getStartLineNumber()} component ${name} made async`);
  });
  return edits;
}

function returnsPromise(call: CallExpression): boolean {
  const t = call.getReturnType();
  const sym = t.getSymbol() ?? t.getAliasSymbol();
  return sym?.getName() === 'Promise';
}

function calleeIsAsyncProjectFunction(call: CallExpression): boolean {
  if (!returnsPromise(call)) return false;
  // an immediately called function written here: (() => …)()
  let callee: Node = call.getExpression();
  while (Node.isParenthesizedExpression(callee)) callee = callee.getExpression();
  if (Node.isArrowFunction(callee) || Node.isFunctionExpression(callee)) return true;
  let sym = call.getExpression().getSymbol();
  if (!sym) return false;
  if (sym.isAlias()) sym = sym.getAliasedSymbol() ?? sym;
  // declared in the project (a function, a method, a property typed as a function returning a promise)
  return sym.getDeclarations().some((d) => inRepo(d.getSourceFile()));
}

function needsAwait(call: CallExpression): boolean {
  const parent = call.getParent();
  if (!parent) return false;
  if (Node.isReturnStatement(parent)) {
    // a promise returned from inside try { } must be awaited there, or the catch never sees its failure
    let p: Node | undefined = parent.getParent();
    while (p && !isFunctionLike(p)) {
      if (Node.isBlock(p) && Node.isTryStatement(p.getParent()) && p.getParent()!.getTryBlock() === p) return true;
      p = p.getParent();
    }
    return false;
  }
  if (Node.isAwaitExpression(parent) || Node.isVoidExpression(parent)) return false;
  // expect(promise).rejects / .resolves: the promise itself is the argument
  if (Node.isCallExpression(parent) && parent.getExpression().getText() === 'expect') return false;
  // a promise kept on purpose: assigned to something typed as a promise
  if (Node.isBinaryExpression(parent) && ['=', '??=', '||='].includes(parent.getOperatorToken().getText()) && parent.getRight() === call)
    if (/Promise</.test(parent.getLeft().getType().getText())) return false;
  if (Node.isVariableDeclaration(parent) && /Promise</.test(parent.getTypeNode()?.getText() ?? '')) return false;
  if (Node.isArrowFunction(parent)) return false; // an expression body returns it
  if (Node.isParenthesizedExpression(parent)) {
    const gp = parent.getParent();
    if (gp && (Node.isAwaitExpression(gp) || Node.isReturnStatement(gp) || Node.isArrowFunction(gp))) return false;
  }
  if (Node.isPropertyAccessExpression(parent) && /^(then|catch|finally)$/.test(parent.getName())) return false;
  // an element of Promise.all([...]) or an argument of Promise.all(...)
  const arr = Node.isArrayLiteralExpression(parent) ? parent.getParent() : parent;
  if (arr && Node.isCallExpression(arr) && /^Promise\.(all|allSettled|race|any)$/.test(arr.getExpression().getText()))
    return false;
  return true;
}

function mapEdits(file: SourceFile): TextEdit[] {
  const edits: TextEdit[] = [];
  file.forEachDescendant((n) => {
    if (!Node.isCallExpression(n)) return;
    const callee = n.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !/^(map|flatMap)$/.test(callee.getName())) return;
    const cb = n.getArguments()[0];
    if (!cb || !(Node.isArrowFunction(cb) || Node.isFunctionExpression(cb)) || !cb.isAsync()) return;
    const parent = n.getParent();
    if (parent && Node.isCallExpression(parent) && /^Promise\.(all|allSettled)$/.test(parent.getExpression().getText())) return;
    if (parent && Node.isArrayLiteralExpression(parent)) return;
    edits.push({ start: n.getStart(), end: n.getEnd(), text: `(await Promise.all(${n.getText()}))` });
  });
  return edits;
}

function awaitEdits(file: SourceFile): TextEdit[] {
  const edits: TextEdit[] = [];
  file.forEachDescendant((n) => {
    if (!Node.isCallExpression(n)) return;
    if (!needsAwait(n)) return;
    if (!calleeIsAsyncProjectFunction(n)) return;
    const parent = n.getParent();
    const wrap =
      parent &&
      (Node.isPropertyAccessExpression(parent) ||
        Node.isElementAccessExpression(parent) ||
        Node.isCallExpression(parent) && parent.getExpression() === n ||
        Node.isNonNullExpression(parent) ||
        Node.isAsExpression(parent));
    edits.push({ start: n.getStart(), end: n.getEnd(), text: wrap ? `(await ${n.getText()})` : `await ${n.getText()}` });
    const fn = ownFunction(n);
    if (!fn) log.push(`CHECK ${file.getBaseName()}:${n.getStartLineNumber()} top-level await of ${n.getExpression().getText()}`);
  });
  return edits;
}

for (let round = 1; round <= maxRounds; round++) {
  let changed = 0;
  const a0 = new Map<SourceFile, TextEdit[]>();
  for (const f of files) a0.set(f, [...annotationEdits(f), ...changesEdits(f)]);
  for (const [f, e] of a0) if (e.length) changed += applyEdits(f, e);
  for (const f of needsImport) {
    const d = f.getImportDeclaration((x) => x.getModuleSpecifierValue() === '~/utils/db.server');
    if (d && !d.getNamedImports().some((i) => i.getName() === 'changesOf')) d.addNamedImport('changesOf');
    else if (!d) f.addImportDeclaration({ moduleSpecifier: '~/utils/db.server', namedImports: ['changesOf'] });
  }
  needsImport.clear();
  // (a) first, on its own: keywords only
  const a = new Map<SourceFile, TextEdit[]>();
  for (const f of files) a.set(f, asyncEdits(f));
  for (const [f, e] of a) if (e.length) changed += applyEdits(f, e);
  const c = new Map<SourceFile, TextEdit[]>();
  for (const f of files) c.set(f, mapEdits(f));
  for (const [f, e] of c) if (e.length) changed += applyEdits(f, e);
  // (b) with the types as they now stand
  const b = new Map<SourceFile, TextEdit[]>();
  for (const f of files) b.set(f, awaitEdits(f));
  let awaited = 0;
  for (const [f, e] of b) if (e.length) awaited += applyEdits(f, e);
  changed += awaited;
  console.log(`round ${round}: ${changed} edits (${awaited} awaits)`);
  if (changed === 0) break;
}
await project.save();
console.log([...new Set(log)].join('\n'));

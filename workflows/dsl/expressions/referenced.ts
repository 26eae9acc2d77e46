// Which source attributes an expression reads, e.g. so the engine can fetch only those.

import type { Argument, Expr } from './ast.ts';

/** Attribute names as written, unique and sorted. */
export function referencedAttributes(ast: Expr): string[] {
  const names = new Set<string>();
  const visit = (node: Argument): void => {
    if (node.type === 'attribute') names.add(node.name);
    else if (node.type === 'call') node.args.forEach(visit);
    else if (node.type === 'binary') {
      visit(node.left);
      visit(node.right);
    }
  };
  visit(ast);
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

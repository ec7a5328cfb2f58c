/**
 * The few fields of cheerio's (domhandler's) nodes that analysis reads, declared
 * structurally so the public types do not depend on a transitive package.
 * @module
 */

/** A parsed node: element, text, comment, directive or document. */
export interface DomNode {
  /** `tag`, `script`, `style`, `text`, `comment`, `directive`, `root`, `cdata`. */
  readonly type: string;
  /** Tag name (lower-case) for elements. */
  readonly name?: string;
  /** Text content for text and comment nodes. */
  readonly data?: string;
  /** Attributes for elements. */
  readonly attribs?: Record<string, string>;
  /** Children for elements and the document. */
  readonly children?: readonly DomNode[];
}

/** Whether a node is an element (`script` and `style` are elements with their own node types). */
export function isElement(node: DomNode): node is DomNode & { name: string; attribs: Record<string, string>; children: readonly DomNode[] } {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

import type { Locator, Page } from '@playwright/test';

/** Whether `inner` lies wholly inside the box of `outer` (which clips what overflows it). */
export async function liesInside(inner: Locator, outer: Locator): Promise<boolean> {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()];
  if (!a || !b) return false;
  return a.y >= b.y && a.x >= b.x && a.y + a.height <= b.y + b.height && a.x + a.width <= b.x + b.width;
}

interface DomNode {
  backendNodeId: number;
  nodeName: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

interface BoxModel {
  model: { content: number[] };
}

/**
 * The date-and-time fields of the page whose date and time do not fit: the browser draws them in
 * its own (closed) shadow tree, out of reach of scripts and of `scrollWidth`, so the boxes come from
 * the DevTools protocol, which sees into it. A field is cut when its parts ("12", "05", "2026",
 * "09", "30", "PM") end beyond the input's content box. Chromium only.
 */
export async function cutTimeFields(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const attribute = (node: DomNode, name: string) => {
      const attributes = node.attributes ?? [];
      const at = attributes.findIndex((value, index) => index % 2 === 0 && value === name);
      return at === -1 ? undefined : attributes[at + 1];
    };
    const descendants = (node: DomNode): DomNode[] => [...(node.children ?? []), ...(node.shadowRoots ?? [])].flatMap((child) => [child, ...descendants(child)]);
    const contentBox = async (node: DomNode) => {
      const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId })) as BoxModel;
      const [left = 0, , right = 0] = model.content;
      return { left, right };
    };
    const cut: string[] = [];
    const inputs = descendants(root).filter((node) => node.nodeName === 'INPUT' && attribute(node, 'type') === 'datetime-local');
    for (const input of inputs) {
      const parts = descendants(input).find((node) => attribute(node, 'pseudo') === '-webkit-datetime-edit-fields-wrapper');
      if (!parts) continue;
      const [shown, needed] = [await contentBox(input), await contentBox(parts)];
      if (needed.right > shown.right + 0.5) cut.push(`${Math.round(needed.right - needed.left)} px of date and time in ${Math.round(shown.right - shown.left)} px`);
    }
    return cut;
  } finally {
    await cdp.detach();
  }
}

// Small page helpers shared by the browser tests.
import type { APIRequestContext, Page } from 'playwright-core';

export interface ApiOrg {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  status: 'active' | 'dissolved';
}

export interface ApiOrgChild extends ApiOrg {
  childCount: number;
  subtreeMembers: number;
}

export interface ApiOrgDetail extends ApiOrg {
  counts: {
    members: number;
    fullMembers: number;
    probationaryMembers: number;
    subtreeMembers: number;
    childOrgs: number;
    subtreeOrgs: number;
  };
  ancestors: { id: number; name: string; code: string }[];
}

export async function apiJson<T>(api: APIRequestContext, path: string): Promise<T> {
  const res = await api.get(path);
  if (!res.ok()) throw new Error(`GET ${path} → ${res.status()} ${await res.text()}`);
  return ((await res.json()) as { data: T }).data;
}

/** Fills the login form and submits it (the page must be on /login). */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('口令', { exact: true }).fill(password);
  await page.locator('button[type="submit"]').click();
}

/**
 * Breadth-first search under `rootId` for an organisation matching `pick`, using the API.
 * Returns the chain of ids from the root (exclusive) down to the match (inclusive).
 */
export async function findOrgBelow(
  api: APIRequestContext,
  rootId: number,
  pick: (org: ApiOrgChild) => boolean,
  maxDepth = 4,
): Promise<{ org: ApiOrgChild; chain: number[] }> {
  let frontier: { id: number; chain: number[] }[] = [{ id: rootId, chain: [] }];
  for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
    const next: typeof frontier = [];
    for (const node of frontier) {
      const children = await apiJson<ApiOrgChild[]>(api, `/api/orgs/${node.id}/children`);
      const hit = children.find(pick);
      if (hit) return { org: hit, chain: [...node.chain, hit.id] };
      for (const c of children) if (c.childCount > 0) next.push({ id: c.id, chain: [...node.chain, c.id] });
    }
    frontier = next;
  }
  throw new Error(`no matching organisation below ${rootId}`);
}

/** The row of an organisation in the tree navigator. */
export function treeRow(page: Page, orgId: number) {
  return page.locator('.ant-tree-treenode', { has: page.getByTestId(`org-tree-node-${orgId}`) });
}

/** Expands a tree node unless it is expanded already. */
export async function expandTreeNode(page: Page, orgId: number): Promise<void> {
  const row = treeRow(page, orgId);
  await row.waitFor();
  const classes = (await row.getAttribute('class')) ?? '';
  if (!classes.includes('ant-tree-treenode-switcher-open')) await row.locator('.ant-tree-switcher').click();
}

/** Digits of a rendered number ("1,234" → 1234). */
export function parseCount(text: string | null): number {
  const digits = (text ?? '').replace(/[^\d]/g, '');
  if (!digits) throw new Error(`not a number: ${JSON.stringify(text)}`);
  return Number(digits);
}

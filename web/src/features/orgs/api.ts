import { http, type Envelope } from '../../components/http';
import type {
  CreateOrgInput,
  DissolveOrgInput,
  Org,
  OrgChild,
  OrgDetail,
  OrgPolicies,
  RenameOrgInput,
} from './types';

export interface OrgView {
  org: OrgDetail;
  policies: OrgPolicies;
}

const NO_POLICIES: OrgPolicies = { createChild: false, rename: false, move: false, dissolve: false };

export const orgsApi = {
  async get(id: number, signal?: AbortSignal): Promise<OrgView> {
    const res = await http.get<Envelope<OrgDetail, OrgPolicies>>(`/api/orgs/${id}`, signal ? { signal } : {});
    return { org: res.data, policies: res.policies ?? NO_POLICIES };
  },
  async children(id: number, includeDissolved: boolean, signal?: AbortSignal): Promise<OrgChild[]> {
    const res = await http.get<Envelope<OrgChild[]>>(`/api/orgs/${id}/children`, {
      query: { includeDissolved: includeDissolved ? 1 : 0 },
      ...(signal ? { signal } : {}),
    });
    return res.data;
  },
  async search(q: string, limit: number, signal?: AbortSignal): Promise<Org[]> {
    const res = await http.get<Envelope<Org[]>>('/api/orgs', {
      query: { q, limit },
      ...(signal ? { signal } : {}),
    });
    return res.data;
  },
  async create(input: CreateOrgInput): Promise<Org> {
    return (await http.post<Envelope<Org>>('/api/orgs', input)).data;
  },
  async rename(id: number, input: RenameOrgInput): Promise<Org> {
    return (await http.patch<Envelope<Org>>(`/api/orgs/${id}`, input)).data;
  },
  async dissolve(id: number, input: DissolveOrgInput): Promise<Org> {
    return (await http.post<Envelope<Org>>(`/api/orgs/${id}/dissolve`, input)).data;
  },
};

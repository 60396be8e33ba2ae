import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { orgsApi } from './api';
import type { CreateOrgInput, DissolveOrgInput, RenameOrgInput } from './types';

export const orgKeys = {
  all: ['orgs'] as const,
  detail: (id: number) => ['orgs', 'detail', id] as const,
  children: (id: number, includeDissolved = false) => ['orgs', 'children', id, includeDissolved] as const,
  search: (q: string) => ['orgs', 'search', q] as const,
};

export function childrenQuery(id: number, includeDissolved = false) {
  return {
    queryKey: orgKeys.children(id, includeDissolved),
    queryFn: ({ signal }: { signal: AbortSignal }) => orgsApi.children(id, includeDissolved, signal),
    staleTime: 60_000,
  };
}

export function useOrg(id: number | undefined) {
  return useQuery({
    queryKey: orgKeys.detail(id ?? 0),
    queryFn: ({ signal }) => orgsApi.get(id!, signal),
    enabled: id !== undefined,
    staleTime: 30_000,
  });
}

export function useOrgChildren(id: number | undefined, includeDissolved: boolean) {
  return useQuery({
    ...childrenQuery(id ?? 0, includeDissolved),
    enabled: id !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useOrgSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: orgKeys.search(term),
    queryFn: ({ signal }) => orgsApi.search(term, 30, signal),
    enabled: term.length > 0,
    staleTime: 30_000,
  });
}

/** Any change to the tree may change counts, names and children anywhere above it. */
function invalidateOrgs(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: orgKeys.all });
}

export function useCreateOrg() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateOrgInput) => orgsApi.create(input),
    onSuccess: () => invalidateOrgs(queryClient),
  });
}

export function useRenameOrg(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RenameOrgInput) => orgsApi.rename(id, input),
    onSuccess: () => invalidateOrgs(queryClient),
  });
}

export function useDissolveOrg(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DissolveOrgInput) => orgsApi.dissolve(id, input),
    onSuccess: () => invalidateOrgs(queryClient),
  });
}

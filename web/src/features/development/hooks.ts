import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { shouldRetry } from '../../components/http';
import { devApi, type CreateCandidateInput, type RecordStepInput } from './api';

export function useBoard(orgId: number | undefined) {
  return useQuery({
    queryKey: ['development', 'board', orgId],
    queryFn: ({ signal }) => devApi.board(orgId!, signal),
    enabled: orgId !== undefined,
    retry: shouldRetry,
  });
}

export function useCandidate(id: number | undefined) {
  return useQuery({
    queryKey: ['development', 'candidate', id],
    queryFn: ({ signal }) => devApi.candidate(id!, signal),
    enabled: id !== undefined,
    retry: shouldRetry,
  });
}

export function useAudit(orgId: number | undefined) {
  return useQuery({
    queryKey: ['development', 'audit', orgId],
    queryFn: ({ signal }) => devApi.audit(orgId!, signal),
    enabled: orgId !== undefined,
    retry: shouldRetry,
  });
}

export function useQuotas(orgId: number | undefined, year: number) {
  return useQuery({
    queryKey: ['development', 'quotas', orgId, year],
    queryFn: ({ signal }) => devApi.quotas(orgId!, year, signal),
    enabled: orgId !== undefined,
    retry: shouldRetry,
  });
}

export function useCreateCandidate(orgId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCandidateInput) => devApi.create(orgId, input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['development'] }),
  });
}

export function useRecordStep(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RecordStepInput) => devApi.recordStep(id, input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['development'] }),
  });
}

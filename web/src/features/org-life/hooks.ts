import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { shouldRetry } from '../../components/http';
import {
  orgLifeApi,
  plansApi,
  seriesApi,
  type PlanItemInput,
  type ScheduleInput,
  type SeriesInput,
  type TalkInput,
} from './api';

export const lifeKeys = {
  all: ['org-life'] as const,
  meetings: (orgId: number, from: string, to: string) => ['org-life', 'meetings', orgId, from, to] as const,
  meeting: (id: number) => ['org-life', 'meeting', id] as const,
  heatmap: (orgId: number, year: number, type: string) => ['org-life', 'heatmap', orgId, year, type] as const,
  compliance: (orgId: number, year: number, month?: number) =>
    ['org-life', 'compliance', orgId, year, month ?? 0] as const,
  signIn: (id: number) => ['org-life', 'sign-in', id] as const,
  talks: (orgId: number, year: number) => ['org-life', 'talks', orgId, year] as const,
  talkCoverage: (orgId: number, year: number) => ['org-life', 'talk-coverage', orgId, year] as const,
};

export function useTalks(orgId: number, year: number, enabled = true) {
  return useQuery({
    queryKey: lifeKeys.talks(orgId, year),
    queryFn: ({ signal }) => orgLifeApi.talks(orgId, year, signal),
    retry: shouldRetry,
    enabled,
  });
}

export function useTalkCoverage(orgId: number, year: number) {
  return useQuery({
    queryKey: lifeKeys.talkCoverage(orgId, year),
    queryFn: ({ signal }) => orgLifeApi.talkCoverage(orgId, year, signal),
    retry: shouldRetry,
  });
}

export function useCreateTalk() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TalkInput) => orgLifeApi.createTalk(input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: lifeKeys.all }),
  });
}

export function useMeetings(orgId: number, from: string, to: string) {
  return useQuery({
    queryKey: lifeKeys.meetings(orgId, from, to),
    queryFn: ({ signal }) => orgLifeApi.meetings(orgId, from, to, signal),
    retry: shouldRetry,
  });
}

export function useMeeting(id: number) {
  return useQuery({
    queryKey: lifeKeys.meeting(id),
    queryFn: ({ signal }) => orgLifeApi.meeting(id, signal),
    retry: shouldRetry,
  });
}

export function useHeatmap(orgId: number, year: number, type: string) {
  return useQuery({
    queryKey: lifeKeys.heatmap(orgId, year, type),
    queryFn: ({ signal }) => orgLifeApi.heatmap(orgId, year, type, signal),
    retry: shouldRetry,
  });
}

export function useCompliance(orgId: number, year: number, month?: number) {
  return useQuery({
    queryKey: lifeKeys.compliance(orgId, year, month),
    queryFn: ({ signal }) => orgLifeApi.compliance(orgId, year, month, signal),
    retry: shouldRetry,
  });
}

export function useSchedule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ScheduleInput) => orgLifeApi.schedule(input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: lifeKeys.all }),
  });
}

/** After any write on a meeting: the meeting, calendars and reports are stale. */
export function useInvalidateLife() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: lifeKeys.all });
}

export function usePlan(orgId: number, year: number) {
  return useQuery({
    queryKey: ['org-life', 'plan', orgId, year],
    queryFn: ({ signal }) => plansApi.plan(orgId, year, signal),
    retry: shouldRetry,
  });
}

export function usePlanOverview(orgId: number, year: number) {
  return useQuery({
    queryKey: ['org-life', 'plan-overview', orgId, year],
    queryFn: ({ signal }) => plansApi.overview(orgId, year, signal),
    retry: shouldRetry,
  });
}

export function usePlanAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: {
      kind: 'save' | 'submit' | 'acknowledge';
      orgId: number;
      year: number;
      items?: PlanItemInput[];
    }) =>
      a.kind === 'save'
        ? plansApi.save(a.orgId, a.year, a.items ?? [])
        : a.kind === 'submit'
          ? plansApi.submit(a.orgId, a.year)
          : plansApi.acknowledge(a.orgId, a.year),
    onSuccess: () => void qc.invalidateQueries({ queryKey: lifeKeys.all }),
  });
}

export function useSeriesList(orgId: number, year: number) {
  return useQuery({
    queryKey: ['org-life', 'series-list', orgId, year],
    queryFn: ({ signal }) => seriesApi.list(orgId, year, signal),
    retry: shouldRetry,
  });
}

export function useSeriesDetail(id: number) {
  return useQuery({
    queryKey: ['org-life', 'series', id],
    queryFn: ({ signal }) => seriesApi.detail(id, signal),
    retry: shouldRetry,
  });
}

export function useIssueSeries() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SeriesInput) => seriesApi.issue(input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: lifeKeys.all }),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { shouldRetry } from '../../components/http';
import { notificationsApi } from './api';

export const notificationKeys = {
  all: ['notifications'] as const,
  latest: (limit: number) => ['notifications', 'latest', limit] as const,
};

/** How often the bell asks for new notifications while the page is open. */
export const POLL_MS = 60_000;

/** The latest notifications and the unread count, polled every minute. */
export function useLatestNotifications(limit = 20) {
  return useQuery({
    queryKey: notificationKeys.latest(limit),
    queryFn: ({ signal }) => notificationsApi.list(limit, signal),
    refetchInterval: POLL_MS,
    retry: shouldRetry,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => notificationsApi.read(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => notificationsApi.readAll(),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

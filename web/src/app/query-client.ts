import { QueryClient } from '@tanstack/react-query';
import { configureHttp, shouldRetry } from '../components/http';
import type { Me } from '../features/auth/api';
import { meKey, resetSession } from '../features/auth/hooks';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

configureHttp({
  csrfToken: () => queryClient.getQueryData<Me | null>(meKey)?.csrfToken,
  // The session ended (expired, revoked, signed out elsewhere): drop it; RequireAuth sends the user to /login.
  onUnauthorized: () => {
    if (queryClient.getQueryData<Me | null>(meKey)) resetSession(queryClient, null);
  },
  onPasswordChangeRequired: () => {
    queryClient.setQueryData<Me | null>(meKey, (me) =>
      me && !me.user.mustChangePassword ? { ...me, user: { ...me.user, mustChangePassword: true } } : me,
    );
  },
});

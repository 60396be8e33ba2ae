import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { authApi, type ChangePasswordInput, type LoginInput, type Me } from './api';

export const meKey = ['me'] as const;

export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: ({ signal }) => authApi.me(signal),
    staleTime: 5 * 60_000,
  });
}

/** The signed-in user; only for components rendered under the authenticated layout. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser: no signed-in user');
  return data;
}

/** Forget everything cached for the previous session, keeping only the given `me`. */
export function resetSession(queryClient: QueryClient, me: Me | null): void {
  void queryClient.cancelQueries();
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
  queryClient.setQueryData(meKey, me);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => authApi.login(input),
    onSuccess: (me) => resetSession(queryClient, me),
  });
}

/** Ends the session on the server; the login page then forgets the cached session (see LoginPage). */
export function useLogout() {
  return useMutation({
    // Whatever the server says (session already gone, network), this browser signs out.
    mutationFn: () => authApi.logout().catch(() => undefined),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => authApi.changePassword(input),
    onSuccess: async () => {
      const wasForced = queryClient.getQueryData<Me | null>(meKey)?.user.mustChangePassword ?? false;
      await queryClient.invalidateQueries({ queryKey: meKey });
      // Queries refused before the change can now succeed.
      if (wasForced) await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
    },
  });
}

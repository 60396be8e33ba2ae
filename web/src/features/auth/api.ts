import { http, isApiError, type Envelope } from '../../components/http';

export interface Me {
  user: { id: number; username: string; displayName: string; mustChangePassword: boolean };
  roles: string[];
  scope: { orgId: number; orgCode: string; name: string };
  csrfToken: string;
}

export interface LoginInput {
  username: string;
  password: string;
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

export const authApi = {
  /** The signed-in user, or null when there is no session. */
  async me(signal?: AbortSignal): Promise<Me | null> {
    try {
      const res = await http.get<Envelope<Me>>('/api/me', {
        ...(signal ? { signal } : {}),
        expectUnauthorized: true,
      });
      return res.data;
    } catch (error) {
      if (isApiError(error) && error.status === 401) return null;
      throw error;
    }
  },
  async login(input: LoginInput): Promise<Me> {
    const res = await http.post<Envelope<Me>>('/api/auth/login', input, { expectUnauthorized: true });
    return res.data;
  },
  async logout(): Promise<void> {
    await http.post('/api/auth/logout', undefined, { expectUnauthorized: true });
  },
  async changePassword(input: ChangePasswordInput): Promise<void> {
    await http.post('/api/auth/password', input);
  },
};

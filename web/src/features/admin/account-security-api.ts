// What the security administrator does to another account: reset its password, re-enable it
// (三员分立: only the security administrator; the server refuses anyone else).
import { http, type Envelope } from '../../components/http';

export interface ResetPasswordResult {
  id: number;
  /** Shown once to the security administrator, to hand over; never stored in clear. */
  initialPassword: string;
  mustChangePassword: true;
}

export const accountSecurityApi = {
  async resetPassword(id: number): Promise<ResetPasswordResult> {
    const res = await http.post<Envelope<ResetPasswordResult>>(`/api/users/${id}/reset-password`);
    return res.data;
  },
  async enable(id: number): Promise<void> {
    await http.post(`/api/users/${id}/enable`);
  },
};

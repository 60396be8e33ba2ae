import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';

export interface ErrorBoundaryProps {
  children: ReactNode;
  /** Changing this (e.g. the route path) clears a caught error. */
  resetKey?: unknown;
}

interface State {
  error: Error | null;
}

const CHUNK_LOAD =
  /Failed to fetch dynamically imported module|Importing a module script failed|error loading dynamically imported module/i;

export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(prev: ErrorBoundaryProps): void {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('页面渲染出错', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    // A new deployment replaced the chunk files: reloading fetches the current ones.
    const stale = CHUNK_LOAD.test(error.message);
    return (
      <Result
        status="error"
        title={stale ? '系统已更新' : '页面出错了'}
        subTitle={
          stale
            ? '请刷新页面以加载最新版本。'
            : '页面显示时发生错误，请刷新后重试；如仍有问题请联系系统管理员。'
        }
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            刷新页面
          </Button>
        }
      />
    );
  }
}

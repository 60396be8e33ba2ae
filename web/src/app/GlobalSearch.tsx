import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Button, Drawer, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage, http, type Envelope } from '../components/http';
import { useDebouncedValue } from '../components/use-debounced-value';

interface SearchResult {
  type: 'org' | 'member' | 'meeting';
  id: number;
  label: string;
  description: string;
  link: string;
}

const GROUP_LABELS: Record<SearchResult['type'], string> = { org: '组织', member: '党员', meeting: '会议' };

function useSearch(term: string) {
  return useQuery({
    queryKey: ['search', term],
    queryFn: async ({ signal }) =>
      (await http.get<Envelope<SearchResult[]>>('/api/search', { query: { q: term, limit: 8 }, signal }))
        .data,
    enabled: term.length > 0,
    staleTime: 30_000,
  });
}

/** The search box: organisations, members and meetings of the user's subtree (GET /api/search). */
function SearchBox({ onPicked, autoFocus }: { onPicked?: () => void; autoFocus?: boolean }) {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const term = useDebouncedValue(text.trim(), 300);
  const results = useSearch(term);
  const data = results.data ?? [];
  const options = (['org', 'member', 'meeting'] as const).flatMap((type) => {
    const rows = data.filter((r) => r.type === type);
    if (rows.length === 0) return [];
    return [
      {
        label: GROUP_LABELS[type],
        options: rows.map((r) => ({
          value: `${r.type}-${r.id}`,
          link: r.link,
          label: (
            <div data-testid={`search-result-${r.type}-${r.id}`}>
              <div>{r.label}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.description}
              </Typography.Text>
            </div>
          ),
        })),
      },
    ];
  });
  const notFound = results.isError
    ? `搜索失败：${errorMessage(results.error)}`
    : term && !results.isFetching && data.length === 0
      ? '没有找到匹配的组织、党员或会议'
      : undefined;
  return (
    <AutoComplete
      className="app-search"
      value={text}
      options={options}
      onChange={(v: string) => setText(v)}
      onSelect={(_value, option) => {
        const link = (option as { link?: string }).link;
        if (!link) return;
        setText('');
        onPicked?.();
        void navigate(link);
      }}
      notFoundContent={notFound}
      popupMatchSelectWidth={320}
    >
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder="搜索组织、党员、会议"
        aria-label="全局搜索"
        data-testid="global-search"
        maxLength={50}
        autoFocus={autoFocus}
      />
    </AutoComplete>
  );
}

/** In the header: the box on a wide screen, a search button opening it on a phone. */
export function GlobalSearch({ wide }: { wide: boolean }) {
  const [open, setOpen] = useState(false);
  if (wide) return <SearchBox />;
  return (
    <>
      <Button
        type="text"
        className="app-header-button"
        icon={<SearchOutlined />}
        aria-label="搜索"
        data-testid="global-search-toggle"
        onClick={() => setOpen(true)}
      />
      <Drawer
        placement="top"
        title="搜索"
        open={open}
        onClose={() => setOpen(false)}
        size={140}
        destroyOnHidden
      >
        <SearchBox autoFocus onPicked={() => setOpen(false)} />
      </Drawer>
    </>
  );
}

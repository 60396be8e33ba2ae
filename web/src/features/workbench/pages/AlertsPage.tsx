// 预警 of a subtree: filter by code and severity, drill down to a child organisation, and go to
// the page that resolves each alert.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Card, Result, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import { AlertToProblemModal } from '../../problems/components/AlertToProblemModal';
import {
  SEVERITY_LABEL,
  SEVERITY_TAG,
  workbenchApi,
  workbenchKeys,
  type AlertRow,
  type Severity,
} from '../api';

const PAGE = 20;

export function AlertsPage() {
  const orgId = Number(useParams().orgId);
  const [params, setParams] = useSearchParams();
  const code = params.get('code') ?? '';
  const severity = params.get('severity') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const codes = useQuery({
    queryKey: workbenchKeys.codes,
    queryFn: workbenchApi.codes,
    staleTime: 3_600_000,
  });
  const list = useQuery({
    queryKey: workbenchKeys.alerts(orgId, code, severity, page),
    queryFn: () => workbenchApi.alerts(orgId, { code, severity, limit: PAGE, offset: (page - 1) * PAGE }),
    enabled: orgId > 0,
  });
  const [rectify, setRectify] = useState<AlertRow | null>(null);
  const qc = useQueryClient();
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next);
  };
  if (list.error) return <Result status="error" title="预警加载失败" subTitle={errorMessage(list.error)} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Link to={`/orgs/${orgId}/workbench`}>← 返回工作台</Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          预警
        </Typography.Title>
      </Space>
      <Card size="small">
        <Space wrap>
          <Select
            allowClear
            placeholder="全部预警类型"
            style={{ minWidth: 200 }}
            value={code || undefined}
            onChange={(v?: string) => set('code', v)}
            options={(codes.data?.data ?? []).map((c) => ({
              label: `${c.group} · ${c.label}`,
              value: c.code,
            }))}
            showSearch
            optionFilterProp="label"
          />
          <Select
            allowClear
            placeholder="全部等级"
            style={{ minWidth: 120 }}
            value={severity || undefined}
            onChange={(v?: string) => set('severity', v)}
            options={(['red', 'orange', 'yellow'] as Severity[]).map((s) => ({
              label: `${SEVERITY_LABEL[s]}预警`,
              value: s,
            }))}
          />
        </Space>
      </Card>
      <Table<AlertRow>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.data ?? []}
        scroll={{ x: 720 }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => `共 ${n} 条`,
          onChange: (p) => set('page', String(p)),
        }}
        columns={[
          {
            title: '等级',
            dataIndex: 'severity',
            width: 80,
            render: (s: Severity) => <Tag color={SEVERITY_TAG[s]}>{SEVERITY_LABEL[s]}</Tag>,
          },
          { title: '类型', dataIndex: 'label', width: 140 },
          {
            title: '组织',
            dataIndex: 'orgName',
            render: (name: string, r) => (
              <Link to={`/orgs/${r.orgId}/alerts${code ? `?code=${code}` : ''}`} title="只看该组织及下级">
                {name}
              </Link>
            ),
          },
          { title: '情况', dataIndex: 'detail' },
          { title: '发现于', dataIndex: 'since', width: 110, render: (d: string) => formatDate(d) },
          {
            title: '期限',
            dataIndex: 'due',
            width: 110,
            render: (d: string | null) => (d ? formatDate(d) : '—'),
          },
          {
            title: '',
            key: 'go',
            width: 170,
            render: (_: unknown, r) => (
              <Space size={4}>
                <Link to={r.link}>
                  <Button size="small" type="primary" ghost>
                    去处理
                  </Button>
                </Link>
                <Button size="small" onClick={() => setRectify(r)}>
                  转为整改
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {rectify && (
        <AlertToProblemModal
          alert={rectify}
          onClose={() => setRectify(null)}
          onSaved={() => {
            setRectify(null);
            void qc.invalidateQueries({ queryKey: ['problems'] });
          }}
        />
      )}
    </Space>
  );
}

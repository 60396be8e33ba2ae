import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Result, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { errorMessage } from '../../../components/http';
import { inspectionApi, RESULT_COLOR } from '../api';
import { FindingsTable } from './FindingsTable';
import { VisitPhotos } from './VisitPhotos';

/** One 督查记录: checklist results, findings and their 整改, photos. */
export function VisitPage() {
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['inspections', 'visit', id], queryFn: () => inspectionApi.visit(id) });
  if (q.isError) return <Result status="warning" title={errorMessage(q.error)} />;
  const v = q.data?.data;
  const manage = q.data?.policies?.manage ?? false;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="inspection-visit">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          督查记录{v ? `：${v.orgName}` : ''}
        </Typography.Title>
        {v &&
          (manage ? (
            <Link to={`/inspections/plans/${v.plan.id}`}>返回督查计划</Link>
          ) : (
            <Link to={`/orgs/${v.orgId}/inspections/received`}>返回督查结果</Link>
          ))}
      </Space>
      {v && (
        <>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label="督查计划">{v.plan.title}</Descriptions.Item>
            <Descriptions.Item label="发起组织">{v.plan.orgName}</Descriptions.Item>
            <Descriptions.Item label="督查日期">{formatDate(v.visitedOn)}</Descriptions.Item>
            <Descriptions.Item label="督查人员">{v.inspectors.join('、')}</Descriptions.Item>
            <Descriptions.Item label="督查结论" span={2}>
              {v.conclusion}
            </Descriptions.Item>
          </Descriptions>
          <Card size="small" title="督查清单">
            <Table
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={v.checklist}
              columns={[
                { title: '检查项', dataIndex: 'label' },
                {
                  title: '结果',
                  dataIndex: 'result',
                  render: (r: string) => <Tag color={RESULT_COLOR[r]}>{r}</Tag>,
                },
                { title: '具体情况', dataIndex: 'note', render: (n: string) => n || '—' },
              ]}
            />
          </Card>
          <Card size="small" title={`发现问题（${v.findings.length}条）`}>
            <FindingsTable findings={v.findings} orgId={v.orgId} manage={manage} />
          </Card>
          <Card size="small" title="现场照片">
            <VisitPhotos visitId={v.id} photos={v.photos} canUpload={manage} />
          </Card>
        </>
      )}
    </Space>
  );
}

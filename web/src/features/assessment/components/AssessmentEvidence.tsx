// 计算依据 in the branch grading form: the branch's assessment score and indicators for the year.
import { useQuery } from '@tanstack/react-query';
import { Alert, Collapse, Skeleton } from 'antd';
import { errorMessage } from '../../../components/http';
import { assessmentApi, assessmentKeys } from '../api';
import { IndicatorTable } from './IndicatorTable';

export function AssessmentEvidence({ orgId, year }: { orgId: number; year: number }) {
  const q = useQuery({
    queryKey: assessmentKeys.evidence(orgId, year),
    queryFn: () => assessmentApi.evidence(orgId, year),
  });
  if (q.isLoading) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (q.isError)
    return <Alert type="warning" showIcon message={`计算依据暂不可用：${errorMessage(q.error)}`} />;
  const e = q.data!.data;
  return (
    <Collapse
      size="small"
      style={{ marginBottom: 16 }}
      items={[
        {
          key: 'evidence',
          label: `计算依据：${year}年度党建考核${e.total}分${e.rank ? `，第${e.rank}名` : '（即时计算）'}`,
          children: <IndicatorTable indicators={e.indicators} />,
        },
      ]}
    />
  );
}

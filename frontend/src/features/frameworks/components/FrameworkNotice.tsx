import { ProvenanceNotice } from '@/features/levels';

import { useFrameworks } from '../api/frameworks';

/** The illustrative-content notice of a framework known by its id (a round's framework). */
export function FrameworkNotice({ frameworkId }: { frameworkId: number | undefined }) {
  const frameworks = useFrameworks();
  const framework = frameworks.data?.items.find((candidate) => candidate.id === frameworkId);
  if (!framework) return null;
  return (
    <ProvenanceNotice
      provenance={framework.provenance}
      levels={framework.levels}
      pillarViews={framework.pillar_views}
    />
  );
}

import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { helpPath } from '@/config/paths';
import { useLanguage } from '@/i18n';

import { guideMarkdown } from '../content';
import { sliceSection } from '../markdown';
import { replayTour } from '../tour-store';
import { ContactCard } from './ContactCard';
import { HelpMarkdown } from './HelpMarkdown';

interface HelpDrawerBodyProps {
  /** The section to show (its anchor). */
  anchor: string;
  /** Called when the user leaves the drawer for the help centre or the tour. */
  onLeave: () => void;
}

/** The drawer's content: one section of the guide, a way to the whole guide, the tour again,
 * and whom to call. */
export default function HelpDrawerBody({ anchor, onLeave }: HelpDrawerBodyProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const section = sliceSection(guideMarkdown(language), anchor) ?? '';
  return (
    <div className="help-drawer" data-section={anchor}>
      <HelpMarkdown shift={1}>{section}</HelpMarkdown>
      <Space wrap className="help-drawer-actions">
        <Link to={helpPath(anchor)} onClick={onLeave}>
          {t('help.openCentre')}
        </Link>
        <Button
          onClick={() => {
            onLeave();
            replayTour();
          }}
        >
          {t('help.replayTour')}
        </Button>
      </Space>
      <ContactCard compact />
    </div>
  );
}

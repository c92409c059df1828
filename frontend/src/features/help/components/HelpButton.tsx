import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Drawer } from 'antd';
import { Suspense, lazy, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';

import { FullPageSpin } from '@/components/FullPageSpin';
import { useMe } from '@/features/auth';

import { helpSectionFor } from '../sections';

// The guide's text and its Markdown renderer load when help is first opened, not with the frame.
const HelpDrawerBody = lazy(() => import('./HelpDrawerBody'));

/** The header's "?": the guide's section for the page shown, in a drawer. */
export function HelpButton() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  const [open, setOpen] = useState(false);
  // Closing returns the focus to the "?", except when the user leaves for the help centre (its
  // section takes the focus) or the tour.
  const [returnFocus, setReturnFocus] = useState(true);
  const anchor = helpSectionFor(location.pathname, me.data?.roles ?? []);
  return (
    <>
      <Button
        size="small"
        shape="circle"
        icon={<QuestionCircleOutlined aria-hidden />}
        aria-label={t('help.pageHelp')}
        title={t('help.pageHelp')}
        data-tour="help"
        onClick={() => {
          setReturnFocus(true);
          setOpen(true);
        }}
      />
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('help.drawerTitle')}
        size="large"
        destroyOnHidden
        focusable={{ focusTriggerAfterClose: returnFocus }}
      >
        <Suspense fallback={<FullPageSpin />}>
          <HelpDrawerBody
            anchor={anchor}
            onLeave={() => {
              setReturnFocus(false);
              setOpen(false);
            }}
          />
        </Suspense>
      </Drawer>
    </>
  );
}

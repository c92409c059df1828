import type { ThemeConfig } from 'antd';

/**
 * Ant Design's defaults with darker blues and greys, so text and controls meet WCAG AA contrast
 * (4.5:1) on white: the stock primary (#1677ff) and tertiary text (45 % black) do not.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    // Hovered buttons and links keep the contrast too (the generated hover blue is lighter).
    colorPrimaryHover: '#003eb3',
    colorLinkHover: '#003eb3',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // Field errors, save failures and warnings are text too: darker than the stock red and gold.
    colorError: '#cf1322',
    colorWarningText: '#874d00',
    colorSuccessText: '#237804',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Liberation Sans', 'DejaVu Sans', sans-serif",
  },
  components: {
    Layout: { headerBg: '#002c6b', siderBg: '#ffffff', headerPadding: '0 24px' },
  },
};

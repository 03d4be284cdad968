import { createTheme } from '@mantine/core';

export const theme = createTheme({
  // Blue for actions; teal and indigo are reserved for the two sides, green/yellow/red for health.
  primaryColor: 'blue',
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
  components: {
    Table: { defaultProps: { verticalSpacing: 'sm' } },
    // Calm, readable badges: sentence case instead of shouting capitals.
    Badge: {
      defaultProps: { tt: 'none', fw: 600 },
      // Never cut a badge short inside a tight table cell.
      styles: { root: { minWidth: 'max-content' } },
    },
    Modal: { defaultProps: { radius: 'md' } },
    // A select's list is drawn when it opens, not kept hidden in the page from the start: a
    // hidden list is still placed under its field (a forced layout each) and brings a
    // ScrollArea along; five filter selects cost ~50–90 ms before a list page's first rows.
    Combobox: { defaultProps: { keepMounted: false } },
  },
});

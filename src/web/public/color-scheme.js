// Applies the stored colour scheme before first paint (no flash of the wrong theme). A file,
// not an inline script: the Content-Security-Policy allows scripts from Tandem's origin only.
try {
  var s = localStorage.getItem('tandem-color-scheme');
  var dark = s === 'dark' || (s !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.setAttribute('data-mantine-color-scheme', dark ? 'dark' : 'light');
} catch {
  // No storage (private mode): the browser's preference applies.
}

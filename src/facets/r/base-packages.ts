/** R's base packages (Priority: base in their DESCRIPTION): part of every R installation. */
export const R_BASE_PACKAGES: readonly string[] = [
  'base',
  'compiler',
  'datasets',
  'grDevices',
  'graphics',
  'grid',
  'methods',
  'parallel',
  'splines',
  'stats',
  'stats4',
  'tcltk',
  'tools',
  'translations',
  'utils',
];

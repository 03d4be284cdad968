import type { MantineColor } from '@mantine/core';
import type { Side } from '../../contracts/common.js';

/** One colour per side, everywhere a side appears. Ampel colours stay reserved for health. */
export const SIDE_COLOR: Record<Side | 'both', MantineColor> = {
  business: 'teal',
  it: 'indigo',
  both: 'gray',
};

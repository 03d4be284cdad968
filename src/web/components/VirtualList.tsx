import { Table } from '@mantine/core';
import type { CSSProperties, ReactNode, RefObject } from 'react';
import type { VirtualRows } from '../lib/useVirtualRows.js';

/** The room above or below the drawn rows of a virtual table, hidden from screen readers. */
function Spacer({ height, columns }: { height: number; columns: number }) {
  return height > 0 ? (
    <tr aria-hidden="true" style={{ height }}>
      <td colSpan={columns} style={{ padding: 0, border: 0 }} />
    </tr>
  ) : null;
}

/**
 * A table body that draws only the rows `virtual` names (see useVirtualRows), with spacers
 * that keep the page as tall as the whole list. `row` draws one and puts `measure` on it.
 */
export function VirtualTableBody<T>({
  virtual,
  rows,
  columns,
  row,
}: {
  virtual: VirtualRows;
  rows: readonly T[];
  columns: number;
  row: (item: T, index: number) => ReactNode;
}) {
  return (
    <Table.Tbody ref={virtual.anchor as RefObject<HTMLTableSectionElement>}>
      <Spacer height={virtual.before} columns={columns} />
      {virtual.indexes.map((index) => {
        const item = rows[index];
        return item === undefined ? null : row(item, index);
      })}
      <Spacer height={virtual.after} columns={columns} />
    </Table.Tbody>
  );
}

/**
 * The phone's form of a virtual list: one card per item in a labelled list that says how
 * many items there are and where each drawn one stands.
 */
export function VirtualCardList<T extends { id: string }>({
  virtual,
  rows,
  label,
  listClassName,
  listStyle,
  itemClassName,
  itemStyle,
  testId,
  card,
}: {
  virtual: VirtualRows;
  rows: readonly T[];
  label: string;
  listClassName?: string;
  listStyle?: CSSProperties;
  itemClassName?: string;
  itemStyle?: CSSProperties;
  testId: (item: T) => string;
  card: (item: T) => ReactNode;
}) {
  return (
    <ul
      ref={virtual.anchor as RefObject<HTMLUListElement>}
      aria-label={label}
      className={listClassName}
      style={{ ...listStyle, paddingTop: virtual.before, paddingBottom: virtual.after }}
    >
      {virtual.indexes.map((index) => {
        const item = rows[index];
        if (!item) return null;
        return (
          <li
            key={item.id}
            data-index={index}
            ref={virtual.measure}
            aria-setsize={rows.length}
            aria-posinset={index + 1}
            data-testid={testId(item)}
            className={itemClassName}
            style={itemStyle}
          >
            {card(item)}
          </li>
        );
      })}
    </ul>
  );
}

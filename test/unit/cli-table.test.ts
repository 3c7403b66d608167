/**
 * The CLI's plain-text tables: made safe to print, and cut to a terminal's width without cutting
 * the columns a user copies from (test/integration/cli-table-mlflow.test.ts compares the layout
 * with MLflow's own).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { displayWidth, formatBytes, formatDuration, formatTable, printable, truncate } from '../../src/cli/table';

describe('CLI tables', () => {
  test('control characters in a cell are shown escaped, never sent to the terminal', () => {
    assert.equal(printable('a\nb\tc\u001b[31mred\u0007'), 'a\\nb\\tc\\u001b[31mred\\u0007');
    assert.equal(formatTable(['Key', 'Value'], [['k', 'line1\nline2']]).split('\n').length, 3);
  });

  test('wide characters count twice and combining marks not at all', () => {
    assert.equal(displayWidth('日本'), 4);
    assert.equal(displayWidth('e\u0301'), 1);
    assert.equal(truncate('日本語のテキスト', 7), '日本語…');
    assert.equal(displayWidth(truncate('日本語のテキスト', 7)), 7);
  });

  test('cut to a width, the other columns give way before a kept one, and every line fits', () => {
    const id = '9883b37aef524474831648859947717d';
    const rows = [['2026-11-30 04:13:15 UTC', 'a-rather-long-run-name-that-goes-on', id, 'FINISHED']];
    const table = formatTable(['Date', 'Name', 'ID', 'Status'], rows, { maxWidth: 70, keep: [2] });
    for (const line of table.split('\n')) assert.ok(displayWidth(line) <= 70, `"${line}" fits in 70 columns`);
    assert.ok(table.includes(id), 'the id is whole');
    assert.match(table, /…/);
    // NB: too narrow for even the floors: the kept column is cut last, down to its header.
    const narrow = formatTable(['Date', 'Name', 'ID', 'Status'], rows, { maxWidth: 20, keep: [2] });
    assert.ok(!narrow.includes(id));
    assert.match(narrow.split('\n')[0]!, /^Date {2}Name {2}ID {4}Status$/);
  });

  test('durations and sizes read as MLflow\'s UI and npm write them', () => {
    assert.deepEqual([850, 12_340, 270_000, 7_560_000, 2 * 86_400_000].map(formatDuration), ['850ms', '12.3s', '4.5min', '2.1h', '2.0d']);
    assert.equal(formatDuration(undefined), '');
    assert.deepEqual([512, 1500, 3_200_000].map(formatBytes), ['512 B', '1.5 kB', '3.2 MB']);
  });
});

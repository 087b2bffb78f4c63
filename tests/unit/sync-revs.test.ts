// CouchDB's choice of a document's current revision among its leaves, which the device must make
// the same way to know which version the server shows. The rule, from the CouchDB documentation
// ("Replication and conflict model", docs.couchdb.org/en/stable/replication/conflicts.html): a
// non-deleted leaf wins over a deleted one; then the revision with the longest history (the
// highest generation) wins; then the one whose id sorts last (ASCII). Cases built by hand.
import { describe, expect, it } from 'vitest';
import { ancestry, revGen, winningLeaf } from '../../app/data/sync-revs.ts';

const leaf = (rev: string, deleted = false) => ({ rev, deleted });

describe('winningLeaf', () => {
  it('a higher generation wins whatever its id', () => {
    expect(winningLeaf([leaf('3-aaaa'), leaf('2-ffff')])?.rev).toBe('3-aaaa');
    expect(winningLeaf([leaf('2-ffff'), leaf('10-0000')])?.rev).toBe('10-0000'); // 10 > 2 as numbers, not as text
  });
  it('within a generation the id that sorts last wins, in either order given', () => {
    expect(winningLeaf([leaf('2-00000000abc'), leaf('2-7f3e')])?.rev).toBe('2-7f3e');
    expect(winningLeaf([leaf('2-7f3e'), leaf('2-00000000abc')])?.rev).toBe('2-7f3e');
    expect(winningLeaf([leaf('4-b1'), leaf('4-b10'), leaf('4-a9')])?.rev).toBe('4-b10');
  });
  it('a live leaf wins over a deleted one of a higher generation; deleted only when all are', () => {
    expect(winningLeaf([leaf('5-ffff', true), leaf('2-0000')])?.rev).toBe('2-0000');
    expect(winningLeaf([leaf('5-aaaa', true), leaf('6-0000', true)])).toEqual(leaf('6-0000', true));
    expect(winningLeaf([])).toBeNull();
  });
});

describe('revisions', () => {
  it("ancestry lists a replicated revision's history newest first, from _revisions", () => {
    expect(ancestry({ _rev: '3-c', _revisions: { start: 3, ids: ['c', 'b', 'a'] } })).toEqual(['3-c', '2-b', '1-a']);
    expect(ancestry({ _rev: '7-x' })).toEqual(['7-x']);
    expect(ancestry({ _revisions: { start: 'x', ids: [] } })).toEqual([]);
  });
  it('revGen reads the generation, 0 when there is none', () => {
    expect([revGen('12-abc'), revGen(null), revGen('abc'), revGen(undefined)]).toEqual([12, 0, 0, 0]);
  });
});

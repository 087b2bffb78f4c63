// A training job's work in epochs: the total, how far each worker report is, and its label.
import { describe, it, expect } from 'vitest';
import { SEARCH_GRID, epochsDone, searchEpochs, trainEpochs, trainJobLabel } from '../../app/domain/train-job.ts';

const search = { ...SEARCH_GRID, epochs: 20 };

describe('training job budget', () => {
  it('counts search candidates × search epochs + members × epochs', () => {
    expect(trainEpochs({ members: 5, epochs: 150 })).toBe(750);
    expect(trainEpochs({ members: 3, epochs: 100, search })).toBe(8 * 20 + 300);
    expect(searchEpochs(150)).toBe(50);
    expect(searchEpochs(20)).toBe(10);
  });
  it('rejects nonsense with the field and value in the message', () => {
    expect(() => trainEpochs({ members: 0, epochs: 10 })).toThrow('members must be a whole number ≥ 1 (got 0)');
    expect(() => trainEpochs({ members: 2, epochs: 10, search: { ...search, epochs: 2.5 } })).toThrow('search.epochs must be a whole number ≥ 1 (got 2.5)');
  });
  it('places each worker report: earlier networks in full, early-stopped ones too', () => {
    const b = { members: 3, epochs: 100, search };
    expect(epochsDone({ phase: 'search', index: 0, epoch: 5 }, b)).toBe(5);
    expect(epochsDone({ phase: 'search', index: 7, epoch: 20 }, b)).toBe(160);
    expect(epochsDone({ phase: 'train', index: 0, epoch: 10 }, b)).toBe(170);
    // member 1 stopped early at epoch 40: member 2's first report counts it as 100
    expect(epochsDone({ phase: 'train', index: 2, epoch: 5 }, b)).toBe(160 + 200 + 5);
    expect(epochsDone({ phase: 'train', index: 2, epoch: 100 }, b)).toBe(trainEpochs(b));
    expect(epochsDone({ phase: 'train', index: 1, epoch: 30 }, { members: 2, epochs: 20 })).toBe(40); // never past the total
  });
  it('names the job for the Jobs panel', () => {
    expect(trainJobLabel({ kind: 'surrogate', output: 'Isp vac', members: 5 })).toBe('Training: surrogate of Isp vac, 5 members');
    expect(trainJobLabel({ kind: 'efficiency', output: 'Isp', members: 1, fileName: 'firings.csv' })).toBe('Training: efficiency from firings.csv, 1 member');
    expect(trainJobLabel({ kind: 'surrogate', output: 'Isp vac', members: 2, search: true })).toBe('Training: surrogate of Isp vac, 2 members, after a search of layers, width and learning rate');
  });
});

import { expect, test } from 'vitest';

import type { KMeansResult } from 'ml-kmeans';
import { kmeans, kmeansGenerator } from 'ml-kmeans';

test('Simple case', () => {
  const data = [
    [1, 1, 1],
    [1, 2, 1],
    [-1, -1, -1],
    [-1, -1, -1.5],
  ];
  const centers = [
    [1, 2, 1],
    [-1, -1, -1],
  ];

  const ans: KMeansResult | undefined = kmeans(data, 2, {
    initialization: centers,
  });

  expect(ans.clusters).toStrictEqual([0, 0, 1, 1]);
  expect(ans.centroids[0]).toStrictEqual([1, 1.5, 1]);
  expect(ans.centroids[1]).toStrictEqual([-1, -1, -1.25]);
  expect(ans.converged).toBe(true);
  expect(ans.iterations).toBe(2);
});

test('With generator', () => {
  const data = [
    [1, 1, 1],
    [1, 2, 1],
    [-1, -1, -1],
    [-1, -1, -1.5],
  ];
  const centers = [
    [1, 2, 1],
    [-1, -1, -1],
  ];

  const ans = kmeansGenerator(data, 2, {
    initialization: centers,
  });
  for (const val of ans) {
    expect(val.clusters).toStrictEqual([0, 0, 1, 1]);

    expect(val.centroids[0]).toStrictEqual([1, 1.5, 1]);
    expect(val.centroids[1]).toStrictEqual([-1, -1, -1.25]);
  }
});

test('Nearest points', () => {
  const data = [
    [1, 1, 1],
    [1, 2, 1],
    [-1, -1, -1],
    [-1, -1, -1.5],
  ];
  const centers = [
    [1, 2, 1],
    [-1, -1, -1],
  ];

  const ans = kmeans(data, 2, { initialization: centers });

  expect(
    ans.nearest([
      [10, 10, 1],
      [-2, -2, -2],
    ]),
  ).toStrictEqual([0, 1]);
});

test('Passing empty data or more centers than data', () => {
  expect(() => kmeans([], 2, {})).toThrow(
    /K should be a positive integer smaller than the number of points/,
  );
  expect(() => kmeans([[1, 2]], 2, {})).toThrow(
    /K should be a positive integer smaller than the number of points/,
  );
  expect(() => kmeans([[1, 2]], -1, {})).toThrow(
    /K should be a positive integer smaller than the number of points/,
  );
  expect(() => kmeans([[1, 2]], 1.5, {})).toThrow(
    /K should be a positive integer smaller than the number of points/,
  );
});

test('Passing wrong initialization parameter', () => {
  expect(() =>
    kmeans(
      [
        [1, 2],
        [1, 2],
        [1, 2],
      ],
      2,
      { initialization: [[1]] },
    ),
  ).toThrow(/The initial centers should have the same length as K/);
  expect(() =>
    kmeans(
      [
        [1, 2],
        [1, 2],
        [1, 2],
      ],
      2,
      {
        //@ts-expect-error "lol" is not an allowed value
        initialization: 'lol',
      },
    ),
  ).toThrow(/Unknown initialization method: "lol"/);
});

test('Exceed number of operations', () => {
  const data = [
    [1, 1, 1],
    [1, 2, 1],
    [-1, -1, -1],
    [-1, -1, -1.5],
  ];
  const centers = [
    [1, 2, 1],
    [-1, -1, -1],
  ];

  const ans = kmeans(data, 2, { initialization: centers, maxIterations: 1 });

  expect(ans.clusters).toStrictEqual([0, 0, 1, 1]);
  expect(ans.centroids[0]).toStrictEqual([1, 1.5, 1]);
  expect(ans.centroids[1]).toStrictEqual([-1, -1, -1.25]);
  expect(ans.converged).toBe(false);
  expect(ans.iterations).toBe(1);
});

test('Non limited convergence', () => {
  const data = [
    [1, 1, 1],
    [1, 2, 1],
    [10, 11, 1],
    [-1, 20, 1],
    [1, 1, 1],
    [-1, -1, -1],
    [-1, -1, -1.5],
  ];
  const centers = [
    [1, 2, 1],
    [-1, -1, -1],
  ];

  const ans = kmeans(data, 2, {
    initialization: centers,
    maxIterations: 0,
    seed: 0,
  });

  expect(ans.clusters).toStrictEqual([1, 1, 0, 0, 1, 1, 1]);
  expect(ans.centroids[0]).toStrictEqual([4.5, 15.5, 1]);
  expect(ans.centroids[1]).toStrictEqual([0.2, 0.4, 0.1]);
  expect(ans.converged).toBe(true);
  expect(ans.iterations).toBe(3);
});

test('empty clusters', () => {
  const data = [
    [1, 1],
    [1.1, 0.95],
    [0, 0],
    [-0.04, 0.02],
  ];
  const result = kmeans(data, 3, {
    seed: 19,
    initialization: [
      [0, 0],
      [1, 1],
      [0.5, 0.5],
    ],
  });

  const information = result.computeInformation(data);

  expect(information[2].size).toBe(0);
  // The centroid should have the same value than at initialization
  expect(information[2].centroid).toStrictEqual([0.5, 0.5]);
  expect(information[2].error).toBe(-1);
});

import { MultinomialNB } from 'ml-naivebayes';

const cases = [
  [2, 1, 0, 0, 0, 0],
  [2, 0, 1, 0, 0, 0],
  [1, 0, 0, 1, 0, 0],
  [1, 0, 0, 0, 1, 1]
];
const predictions = [0, 0, 0, 1];

describe('Multinomial Naive Bayes', function () {
  it('main test', () => {
    var predict = [[3, 0, 0, 0, 1, 1]];

    var mnb = new MultinomialNB();
    mnb.train(cases, predictions);
    var prediction = mnb.predict(predict);

    expect(prediction).toStrictEqual([0]);
  });

  it('save and load', () => {
    var predict = [[3, 0, 0, 0, 1, 1]];

    var mnb = new MultinomialNB();
    mnb.train(cases, predictions);
    mnb = MultinomialNB.load(JSON.parse(JSON.stringify(mnb)));
    var prediction = mnb.predict(predict);

    expect(prediction).toStrictEqual([0]);
  });
});

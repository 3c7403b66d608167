// A plain natural training script: nothing in it knows about MLflow. Run it with
//   node --require mlflow-autolog/register examples/natural/train.js
// and the run (params, training accuracy, the classifier as a model) is logged by the preload.
const natural = require('natural');

const training = [
  ['the striker scored twice in the second half', 'sport'],
  ['a late penalty decided the cup final', 'sport'],
  ['the coach praised the young goalkeeper', 'sport'],
  ['the team won the league after a tense season', 'sport'],
  ['the central bank raised interest rates again', 'economy'],
  ['inflation slowed as energy prices fell', 'economy'],
  ['shares rallied after strong quarterly earnings', 'economy'],
  ['the government cut taxes for small businesses', 'economy'],
  ['the new telescope photographed a distant galaxy', 'science'],
  ['researchers sequenced the genome of a rare plant', 'science'],
  ['a probe landed on the surface of the comet', 'science'],
  ['the vaccine trial showed strong immune responses', 'science'],
];
const heldOut = [
  'the goalkeeper saved a penalty in the final',
  'rates and prices rose as the bank met',
  'the probe sent pictures of the galaxy',
  'earnings beat forecasts and shares rose',
  'the team scored in the second half',
];

const classifier = new natural.BayesClassifier();
for (const [text, label] of training) classifier.addDocument(text, label);
classifier.train();

const predictions = heldOut.map((text) => classifier.classify(text));
console.log(JSON.stringify({ heldOut, predictions }));

// A custom model: a class with predict(context, input, params) and, optionally,
// loadContext(context). logModel saves this file with the model (in its code/ folder) and
// loadModel requires it from there, so the model works wherever mlflow-autolog is installed.
// Keep what the class needs inside this file or in its artifacts: no other local module goes
// with it.
const { readFileSync } = require('node:fs');

class SentimentModel {
  /**
   * Runs once, when the model is loaded. `context.artifacts` maps each artifact's name to its
   * path inside the loaded model folder.
   */
  loadContext(context) {
    this.lexicon = JSON.parse(readFileSync(context.artifacts.lexicon, 'utf8'));
    this.negations = new Set(
      readFileSync(context.artifacts.negations, 'utf8')
        .split('\n')
        .map((word) => word.trim())
        .filter(Boolean),
    );
  }

  /**
   * Labels each row `{ text }`: its score is the sum of its words' weights in the lexicon (a
   * word after a negation counts the other way), and it is positive above `threshold`, negative
   * below `-threshold`, neutral in between.
   */
  predict(_context, rows, params = {}) {
    const threshold = params.threshold ?? 0.5;
    return rows.map(({ text }) => {
      const score = this.score(text);
      const label = score > threshold ? 'positive' : score < -threshold ? 'negative' : 'neutral';
      return { label, score };
    });
  }

  score(text) {
    let score = 0;
    let negated = false;
    for (const word of String(text).toLowerCase().match(/[a-z']+/g) ?? []) {
      if (this.negations.has(word)) {
        negated = true;
      } else if (Object.hasOwn(this.lexicon, word)) {
        score += negated ? -this.lexicon[word] : this.lexicon[word];
        negated = false;
      }
    }
    return Math.round(score * 100) / 100;
  }
}

module.exports = { SentimentModel };

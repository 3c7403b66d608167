/*
Copyright (c) 2014, Luís Rodrigues

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.
*/

'use strict'

import { Token } from 'natural'

describe('stemmer token', function () {
  it('should receive a string', function () {
    const string = 'test'
    const token = new Token(string)

    expect(token.string).toBe(string)
  })

  it('should hold the original token string', function () {
    const string = 'test'
    const token = new Token(string)

    expect(token.original).toBe(string)
  })

  it('should replace all instances of a string', function () {
    const string = 'tester'
    const token = new Token(string)

    token.replaceAll('e', 'a')
    expect(token.string).toBe('tastar')

    token.replaceAll('ar', 'er')
    expect(token.string).toBe('taster')

    token.replaceAll('r', '')
    expect(token.string).toBe('taste')
  })

  it('should allow vowels to be set', function () {
    const vowels = 'aeiou'
    const vowelsArray = vowels.split('')
    const token = new Token('')

    token.usingVowels(vowels)
    expect(token.vowels).toBe(vowels)

    token.usingVowels(vowelsArray)
    expect(token.vowels).toBe(vowelsArray)
  })

  it('should check for vowels', function () {
    const vowels = 'aeiou'
    const token = new Token('test')

    token.usingVowels(vowels)

    expect(token.hasVowelAtIndex(0)).toBe(false)
    expect(token.hasVowelAtIndex(1)).toBe(true)
    expect(token.hasVowelAtIndex(99)).toBe(false)

    token.usingVowels(vowels.split(''))

    expect(token.hasVowelAtIndex(0)).toBe(false)
    expect(token.hasVowelAtIndex(1)).toBe(true)
    expect(token.hasVowelAtIndex(99)).toBe(false)
  })

  it('should find the next vowel', function () {
    const token = new Token('tester').usingVowels('aeiou')

    expect(token.nextVowelIndex(0)).toBe(1)
    expect(token.nextVowelIndex(1)).toBe(1)
    expect(token.nextVowelIndex(2)).toBe(4)
    expect(token.nextVowelIndex(5)).toBe(6)
    expect(token.nextVowelIndex(99)).toBe(6)
    expect(token.nextVowelIndex(-1)).toBe(6)
  })

  it('should find the next consonant', function () {
    const token = new Token('testee').usingVowels('aeiou')

    expect(token.nextConsonantIndex(0)).toBe(0)
    expect(token.nextConsonantIndex(1)).toBe(2)
    expect(token.nextConsonantIndex(5)).toBe(6)
    expect(token.nextConsonantIndex(99)).toBe(6)
    expect(token.nextConsonantIndex(-1)).toBe(6)
  })

  it('should mark regions', function () {
    const token = new Token('tester')

    token.markRegion('test', 1)
    expect(token.regions.test).toBe(1)
  })

  it('should mark regions with a callback', function () {
    const token = new Token('tester')
    const context = { value: 99 }

    token.markRegion('test', 1, function (arg) { return arg })
    expect(token.regions.test).toBe(1)

    token.markRegion('test', [1], function (arg) { return arg })
    expect(token.regions.test).toBe(1)

    token.markRegion('test', [1, 1], function (a1, a2) { return a1 + a2 })
    expect(token.regions.test).toBe(2)

    token.markRegion('test', null, function (this: Token) {
      return this.string.length
    })
    expect(token.regions.test).toBe(6)

    token.markRegion('test', null, function (this: any) { return this.value }, context)
    expect(token.regions.test).toBe(99)
  })

  it('should check for suffixes', function () {
    const token = new Token('tester')

    expect(token.hasSuffix('er')).toBeTruthy()
    expect(token.hasSuffix('st')).toBeFalsy()
  })

  it('should check for suffixes within a region', function () {
    const token = new Token('tester').markRegion('region', 2)

    expect(token.hasSuffixInRegion('st', 'region')).toBe(false)
    expect(token.hasSuffixInRegion('ster', 'region')).toBe(true)
    expect(token.hasSuffixInRegion('ester', 'region')).toBe(false)
  })

  it('should replace the suffix within a region', function () {
    const t1 = new Token('tester').markRegion('region', 4)
    const t2 = new Token('tester').markRegion('region', 0)

    t1.replaceSuffixInRegion('ter', '<s>', 'region')
    expect(t1.string).toBe('tester')

    t1.replaceSuffixInRegion('er', '<s>', 'region')
    expect(t1.string).toBe('test<s>')

    t2.replaceSuffixInRegion('protester', '<s>', 'region')
    expect(t2.string).toBe('tester')
  })
})

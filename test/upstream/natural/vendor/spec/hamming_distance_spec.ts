/*
Copyright (c) 2018, Hugo ter Doest

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

import { HammingDistance as hammingDistance } from 'natural'

// Convert the following to a Javascript object
const stringsToCompare = [{
  string1: 'karolin',
  string2: 'kathrin',
  ignoreCase: false,
  expected: 3
}, {
  string1: 'karolin',
  string2: 'kerstin',
  ignoreCase: false,
  expected: 3
}, {
  string1: '1011101',
  string2: '1001001',
  ignoreCase: false,
  expected: 2
}, {
  string1: '2173896',
  string2: '2233796',
  ignoreCase: false,
  expected: 3
}, {
  string1: 'different',
  string2: 'length',
  ignoreCase: false,
  expected: -1
}, {
  string1: 'ignorecase',
  string2: 'IgnoreCase',
  ignoreCase: true,
  expected: 0
}]

describe('The Hamming distance function compares strings of equal length', function () {
  stringsToCompare.forEach(function (record, index) {
    it(`should calculate the difference between two strings correctly ${index}`, function () {
      expect(hammingDistance(record.string1, record.string2, record.ignoreCase)).toEqual(record.expected)
    })
  })
})

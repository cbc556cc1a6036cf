import { describe, expect, it } from 'vitest';
import { compileFormula, FormulaError } from '../../../src/emulator/formula/index.js';
import { CONTACT, OPPORTUNITY, SCHEMA } from './fixtures.js';

function compileError(formula: string, returnType: Parameters<typeof compileFormula>[3] = 'string'): FormulaError {
  try {
    compileFormula(formula, CONTACT, SCHEMA, returnType);
  } catch (error) {
    if (error instanceof FormulaError) return error;
    throw error;
  }
  throw new Error(`expected ${formula} not to compile`);
}

describe('syntax errors', () => {
  it('point at the offending column', () => {
    const error = compileError('1 + * 2');
    expect(error.message).toBe("Formula error at column 5: unexpected '*'");
    expect(error.position).toEqual({ line: 1, column: 5 });
  });

  it('give the line in a multi-line formula', () => {
    expect(compileError('IF(\n  TRUE,\n  "a" "b")').message).toBe(
      "Formula error at line 3, column 7: missing ')' to close the arguments of IF() opened at column 3, found '\"b\"'",
    );
  });

  it('reject an empty formula', () => {
    expect(compileError('   ').message).toMatch(/the formula is empty/);
  });

  it('reject unbalanced parentheses', () => {
    expect(compileError('(1 + 2').message).toBe(
      "Formula error at column 7: missing ')' to close the expression opened at column 1, found the end of the formula",
    );
    expect(compileError('(1 + 2))').message).toBe("Formula error at column 8: unexpected ')' without a matching '('");
    expect(compileError('LEN("a"').message).toMatch(/missing '\)' to close the arguments of LEN\(\)/);
  });

  it('reject a dangling operator, a missing operator and stray characters', () => {
    expect(compileError('1 +').message).toBe('Formula error at column 4: unexpected end of the formula');
    expect(compileError('1 2').message).toBe("Formula error at column 3: unexpected '2'");
    expect(compileError('1 # 2').message).toBe("Formula error at column 3: unexpected character '#'");
    expect(compileError('TRUE | FALSE', 'boolean').message).toMatch(/unexpected character '\|'/);
  });

  it('reject bad strings and comments', () => {
    expect(compileError('"abc').message).toBe('Formula error at column 1: unterminated string');
    expect(compileError('"a\\d"').message).toMatch(/column 3: unknown escape sequence '\\d'/);
    expect(compileError('1 /* open').message).toMatch(/unterminated comment/);
  });

  it('reject a call with a trailing comma', () => {
    expect(compileError('LEFT("a", )').message).toMatch(/column 11: unexpected '\)'/);
  });

  it('reject a path that ends in a dot', () => {
    expect(compileError('Account.').message).toMatch(/expected a field name after '\.'/);
  });
});

describe('name errors', () => {
  it('reject an unknown field, naming the sObject', () => {
    expect(compileError('FirstName & Foo__c').message).toBe("Formula error at column 13: unknown field 'Foo__c' on Contact");
  });

  it('reject an unknown field at the end of a path, on the related sObject', () => {
    expect(compileError('Account.Owner.Nope').message).toBe("Formula error at column 15: unknown field 'Nope' on User");
  });

  it('reject a relationship used as a field, and a field used as a relationship', () => {
    expect(compileError('Account').message).toMatch(/unknown field 'Account' on Contact \('Account' is a relationship/);
    expect(compileError('AccountId.Name').message).toMatch(/'AccountId' on Contact is not a relationship; use Account/);
    expect(compileError('Email.Name').message).toMatch(/'Email' on Contact is not a relationship/);
    expect(compileError('Boss.Name').message).toMatch(/unknown relationship 'Boss' on Contact/);
  });

  it('reject an unknown function', () => {
    expect(compileError('FROBNICATE(1)').message).toBe("Formula error at column 1: unknown function 'FROBNICATE'");
  });

  it('reject global variables, which are not modelled', () => {
    expect(compileError('$User.Email').message).toMatch(/global variables such as \$User are not supported/);
  });
});

describe('arity errors', () => {
  it('say how many arguments the function takes', () => {
    expect(compileError('IF(TRUE, "a")').message).toBe('Formula error at column 1: IF() takes 3 arguments, got 2');
    expect(compileError('LEN()').message).toMatch(/LEN\(\) takes 1 argument, got 0/);
    expect(compileError('FIND("a", "b", 1, 2)').message).toMatch(/FIND\(\) takes 2 to 3 arguments, got 4/);
    expect(compileError('AND()', 'boolean').message).toMatch(/AND\(\) takes at least 1 argument, got 0/);
    expect(compileError('TODAY(1)', 'date').message).toMatch(/TODAY\(\) takes 0 arguments, got 1/);
    expect(compileError('CASE(1, 1, "a")').message).toMatch(/CASE\(\) takes an expression, value\/result pairs/);
    expect(compileError('CASE(1, 1, "a", 2, "b")').message).toMatch(/CASE\(\) takes/);
  });
});

describe('type errors', () => {
  it('reject arguments of the wrong type', () => {
    expect(compileError('LEN(Score__c)', 'double').message).toBe(
      'Formula error at column 5: argument 1 of LEN() must be Text, not Number',
    );
    expect(compileError('DATE("2024", 1, 1)', 'date').message).toMatch(/argument 1 of DATE\(\) must be Number, not Text/);
  });

  it('reject operators on the wrong types', () => {
    expect(compileError('"a" & 1').message).toMatch(/operator '&' cannot combine Text and Number \(use TEXT\(\)/);
    expect(compileError('1 - "a"', 'double').message).toMatch(/operator '-' cannot combine Number and Text/);
    expect(compileError('Email = 1', 'boolean').message).toMatch(/operator '=' mixes Text and Number/);
    expect(compileError('1 && TRUE', 'boolean').message).toMatch(/the left side of '&&' must be Checkbox, not Number/);
  });

  it('reject IF branches of different types', () => {
    expect(compileError('IF(TRUE, 1, "a")').message).toMatch(/the results of IF\(\) mixes Number and Text/);
  });

  it('reject a picklist outside the functions that accept one', () => {
    const picklist = /a picklist field can only be used in ISPICKVAL\(\), CASE\(\), TEXT\(\)/;
    expect(() => compileFormula('StageName = "Closed Won"', OPPORTUNITY, SCHEMA, 'boolean')).toThrow(picklist);
    expect(compileError('Level__c').message).toMatch(picklist);
    expect(compileError('LEN(Level__c)', 'int').message).toMatch(picklist);
    expect(compileError('INCLUDES(Level__c, "a")', 'boolean').message).toMatch(/argument 1 of INCLUDES\(\) must be Multi-Select/);
    expect(compileError('ISPICKVAL(Email, "a")', 'boolean').message).toMatch(/argument 1 of ISPICKVAL\(\) must be Picklist/);
    expect(compileError('Languages__c & "x"').message).toMatch(/multi-select picklist field can only be used in INCLUDES/);
  });

  it('reject a result that does not fit the return type', () => {
    expect(compileError('Email', 'boolean').message).toBe(
      'Formula error at column 1: the formula returns Text, but a boolean result needs Checkbox',
    );
    expect(compileError('1 + 1', 'date').message).toMatch(/returns Number, but a date result needs Date/);
  });

  it('reject ISCHANGED and PRIORVALUE of anything but a field of the record', () => {
    expect(compileError('ISCHANGED(Account.Name)', 'boolean').message).toMatch(/ISCHANGED\(\) needs a field of Contact/);
    expect(compileError('PRIORVALUE(1 + 1)', 'double').message).toMatch(/PRIORVALUE\(\) needs a field of Contact/);
  });

  it('reject a literal REGEX pattern that is not a regular expression', () => {
    expect(compileError('REGEX(Email, "(")', 'boolean').message).toMatch(/column 14: REGEX\(\) pattern is not a valid/);
  });
});

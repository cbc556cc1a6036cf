import { describe, expect, it } from 'vitest';
import { check, num, OPPORTUNITY, run } from './fixtures.js';

describe('date functions', () => {
  it('TODAY and NOW read the clock of the context, in GMT', () => {
    expect(run('TODAY()', {}, { returnType: 'date' })).toBe('2024-05-15');
    expect(run('NOW()', {}, { returnType: 'datetime' })).toBe('2024-05-15T10:30:00.000+0000');
    expect(run('TODAY()', {}, { returnType: 'date', now: new Date('2024-12-31T23:59:59.999Z') })).toBe('2024-12-31');
  });

  it('DATE builds a date and gives null for one that does not exist', () => {
    expect(run('DATE(2024, 2, 29)', {}, { returnType: 'date' })).toBe('2024-02-29');
    expect(run('DATE(2023, 2, 29)', {}, { returnType: 'date' })).toBeNull();
    expect(run('DATE(2024, 13, 1)', {}, { returnType: 'date' })).toBeNull();
    expect(run('DATE(2024, Visits__c, 1)', {}, { returnType: 'date' })).toBeNull();
  });

  it('YEAR, MONTH and DAY take a date apart', () => {
    const record = { Birthdate: '1990-07-04' };
    expect(num('YEAR(Birthdate)', record)).toBe(1990);
    expect(num('MONTH(Birthdate)', record)).toBe(7);
    expect(num('DAY(Birthdate)', record)).toBe(4);
    expect(num('YEAR(Birthdate)')).toBeNull();
  });

  it('DATEVALUE reads text and takes the GMT date of a datetime', () => {
    expect(run('DATEVALUE("2024-03-05")', {}, { returnType: 'date' })).toBe('2024-03-05');
    expect(run('DATEVALUE("2024-03-05 23:00:00")', {}, { returnType: 'date' })).toBe('2024-03-05');
    expect(run('DATEVALUE("05/03/2024")', {}, { returnType: 'date' })).toBeNull();
    const record = { LastCallAt__c: '2024-05-01T23:30:00.000+0000' };
    expect(run('DATEVALUE(LastCallAt__c)', record, { returnType: 'date' })).toBe('2024-05-01');
  });

  it('DATETIMEVALUE reads GMT text and turns a date into midnight', () => {
    expect(run('DATETIMEVALUE("2024-03-05 17:45:10")', {}, { returnType: 'datetime' })).toBe(
      '2024-03-05T17:45:10.000+0000',
    );
    expect(run('DATETIMEVALUE(DATE(2024, 3, 5))', {}, { returnType: 'datetime' })).toBe('2024-03-05T00:00:00.000+0000');
    expect(run('DATETIMEVALUE("not a date")', {}, { returnType: 'datetime' })).toBeNull();
  });

  it('ADDMONTHS keeps the day, clamps to the month end, and maps month ends to month ends', () => {
    const add = (date: string, months: number) =>
      run(`ADDMONTHS(Birthdate, ${months})`, { Birthdate: date }, { returnType: 'date' });
    expect(add('2017-09-20', 5)).toBe('2018-02-20');
    expect(add('2017-09-30', 5)).toBe('2018-02-28');
    expect(add('2024-01-31', 1)).toBe('2024-02-29');
    expect(add('2023-02-28', 1)).toBe('2023-03-31');
    expect(add('2024-01-15', -2)).toBe('2023-11-15');
    expect(add('2024-01-30', 1)).toBe('2024-02-29');
  });

  it('works in conditions on dates', () => {
    const opportunity = { object: OPPORTUNITY };
    expect(check('CloseDate < TODAY()', { CloseDate: '2024-05-14' }, opportunity)).toBe(true);
    expect(check('CloseDate < TODAY()', { CloseDate: '2024-05-15' }, opportunity)).toBe(false);
    expect(check('CloseDate - TODAY() > 30', { CloseDate: '2024-07-01' }, opportunity)).toBe(true);
  });
});

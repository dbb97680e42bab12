import { applyCategoryChanges, deletionBlocker, parentProblem } from './category';

const kitchen = {
  id: 'kitchen',
  name: 'Kitchen',
  slug: 'kitchen',
  description: '',
  parentId: null,
};

describe('category tree', () => {
  it('lets a category move to the top level', () => {
    expect(parentProblem('mugs', null, [])).toBeUndefined();
  });

  it('lets a category move under an unrelated branch', () => {
    expect(parentProblem('mugs', 'garden', ['garden', 'home'])).toBeUndefined();
  });

  it('refuses a category as its own parent', () => {
    expect(parentProblem('mugs', 'mugs', ['mugs', 'kitchen'])).toBe('self');
  });

  it('refuses a move under one of its own descendants', () => {
    expect(parentProblem('kitchen', 'mugs', ['mugs', 'kitchen', 'home'])).toBe('descendant');
  });

  it('changes only the given fields, and can clear the parent', () => {
    const inHome = { ...kitchen, parentId: 'home' };
    expect(applyCategoryChanges(inHome, { description: 'Cookware', parentId: null })).toEqual({
      ...kitchen,
      description: 'Cookware',
      parentId: null,
    });
  });

  it('deletes only an empty category', () => {
    expect(deletionBlocker({ listedProducts: 0, subCategories: 0 })).toBeUndefined();
    expect(deletionBlocker({ listedProducts: 1, subCategories: 2 })).toBe(
      'the category still holds 1 product and 2 sub-categories',
    );
  });
});

/**
 * Categories group products into a tree (each category has at most one parent). The rules: a
 * category cannot be its own ancestor, and only an empty category (no listed products, no
 * sub-categories) can be deleted.
 */

export interface Category {
  readonly id: string;
  readonly name: string;
  /** Unique, URL-safe, fixed at creation. */
  readonly slug: string;
  readonly description: string;
  readonly parentId: string | null;
}

export type CategoryChanges = Partial<Pick<Category, 'name' | 'description' | 'parentId'>>;

export type ParentProblem = 'self' | 'descendant';

/**
 * Whether making `newParentId` the parent of `categoryId` would close a loop: `ancestorsOfParent`
 * is the chain from the new parent up to its root, the new parent included.
 */
export function parentProblem(
  categoryId: string,
  newParentId: string | null,
  ancestorsOfParent: readonly string[],
): ParentProblem | undefined {
  if (newParentId === null) return undefined;
  if (newParentId === categoryId) return 'self';
  return ancestorsOfParent.includes(categoryId) ? 'descendant' : undefined;
}

/** The category after `changes`; fields left out keep their value. */
export function applyCategoryChanges(category: Category, changes: CategoryChanges): Category {
  return {
    ...category,
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.description !== undefined ? { description: changes.description } : {}),
    ...(changes.parentId !== undefined ? { parentId: changes.parentId } : {}),
  };
}

export interface CategoryContents {
  readonly listedProducts: number;
  readonly subCategories: number;
}

/** Why a category cannot be deleted, or undefined when it is empty. */
export function deletionBlocker(contents: CategoryContents): string | undefined {
  const reasons = [
    contents.listedProducts > 0
      ? `${contents.listedProducts} product${contents.listedProducts === 1 ? '' : 's'}`
      : undefined,
    contents.subCategories > 0
      ? `${contents.subCategories} sub-categor${contents.subCategories === 1 ? 'y' : 'ies'}`
      : undefined,
  ].filter((reason): reason is string => reason !== undefined);
  return reasons.length > 0 ? `the category still holds ${reasons.join(' and ')}` : undefined;
}

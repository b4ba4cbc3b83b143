// The error an operation fails with; the test fails when the operation succeeds.
export async function failure(promise: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(promise).then(
    () => {
      throw new Error('expected the operation to fail')
    },
    (error: unknown) => error,
  )
}

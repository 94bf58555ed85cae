declare module 'asl-validator' {
  const validator: (definition: unknown, opts?: Record<string, unknown>) => { isValid: boolean; errors: unknown[] };
  export default validator;
}

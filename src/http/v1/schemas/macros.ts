import { Type } from 'typebox';

const version = { id: Type.String(), version: Type.String() };
export const MacroParams = Type.Object({ ...version, macroId: Type.String() });
export const MacroHashParams = Type.Object({ ...version, hash: Type.String() });
export const MacroConversionParams = Type.Object({ ...version, macroId: Type.String(), to: Type.String() });

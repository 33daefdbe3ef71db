// `npx cem analyze` → custom-elements.json: attributes, properties, events,
// slots, parts, CSS properties and custom states, read from the element JSDoc.

/** Our elements register through `define('mask-x', Class)`; tell the analyzer. */
function kitDefine() {
  const tags = new Map(); // class name -> tag
  return {
    name: 'mask-kit-define',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || node.expression.getText() !== 'define') return;
      const [tag, cls] = node.arguments;
      if (!tag || !cls || !ts.isStringLiteral(tag) || !ts.isIdentifier(cls)) return;
      tags.set(cls.getText(), tag.text);
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: cls.getText(), module: moduleDoc.path } },
      ];
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (decl.kind === 'class' && tags.has(decl.name)) {
            decl.customElement = true;
            decl.tagName = tags.get(decl.name);
          }
        }
        for (const exp of mod.exports ?? []) {
          // Point definitions at the module that declares the class, not the define module.
          if (exp.kind !== 'custom-element-definition') continue;
          const home = customElementsManifest.modules.find((m) => m.declarations?.some((d) => d.name === exp.declaration.name && d.kind === 'class'));
          if (home) exp.declaration.module = home.path;
        }
      }
    },
  };
}

export default {
  globs: ['src/components/**/*.ts'],
  // The connect dialog is internal (opened through the kit's connect flow), not part of the public surface.
  exclude: ['src/**/*.test.ts', 'src/components/base/mask-connect-dialog.ts', 'src/components/base/open-connect-dialog.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [kitDefine()],
};

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastNet.Kernels;

/// <summary>The four widths of <see cref="IGemmVector{TVec}"/>: 512, 256 and 128 bits, and one float.</summary>
internal static class GemmVectors
{
    /// <summary>Sixteen floats (AVX-512).</summary>
    internal readonly unsafe struct V512 : IGemmVector<Vector512<float>>
    {
        public static int Count => 16;
        public static bool IsAccelerated => Vector512.IsHardwareAccelerated;
        public static Vector512<float> Zero => Vector512<float>.Zero;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(float* p) => Vector512.Load(p);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<float> v, float* p) => v.Store(p);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Broadcast(float x) => Vector512.Create(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) =>
            Kernels.MultiplyAdd.IsFused ? Vector512.FusedMultiplyAdd(a, b, c) : a * b + c;   // the packed GEMM's rule, so the bits agree
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Vector512<float> v) => V256.Sum(v.GetLower() + v.GetUpper());
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Sum(Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3) =>
            V256.Sum(s0.GetLower() + s0.GetUpper(), s1.GetLower() + s1.GetUpper(), s2.GetLower() + s2.GetUpper(), s3.GetLower() + s3.GetUpper());
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreAsRows(Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3, float* rows)
        {
            V256.StoreAsRows(s0.GetLower(), s1.GetLower(), s2.GetLower(), s3.GetLower(), rows);
            V256.StoreAsRows(s0.GetUpper(), s1.GetUpper(), s2.GetUpper(), s3.GetUpper(), rows + 32);
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply<TAct>(Vector512<float> v) where TAct : struct, IUnaryOperator => TAct.Invoke(v);
    }

    /// <summary>Eight floats (AVX2).</summary>
    internal readonly unsafe struct V256 : IGemmVector<Vector256<float>>
    {
        public static int Count => 8;
        public static bool IsAccelerated => Vector256.IsHardwareAccelerated;
        public static Vector256<float> Zero => Vector256<float>.Zero;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(float* p) => Vector256.Load(p);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector256<float> v, float* p) => v.Store(p);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Broadcast(float x) => Vector256.Create(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
            Kernels.MultiplyAdd.IsFused ? Vector256.FusedMultiplyAdd(a, b, c) : a * b + c;   // the packed GEMM's rule, so the bits agree
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Vector256<float> v) => LaneSums.Of(v.GetLower() + v.GetUpper());   // halves first
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Sum(Vector256<float> s0, Vector256<float> s1, Vector256<float> s2, Vector256<float> s3) =>
            LaneSums.Of(s0.GetLower() + s0.GetUpper(), s1.GetLower() + s1.GetUpper(), s2.GetLower() + s2.GetUpper(), s3.GetLower() + s3.GetUpper());
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreAsRows(Vector256<float> s0, Vector256<float> s1, Vector256<float> s2, Vector256<float> s3, float* rows)
        {
            Transpose4x4.Store(s0.GetLower(), s1.GetLower(), s2.GetLower(), s3.GetLower(), rows);
            Transpose4x4.Store(s0.GetUpper(), s1.GetUpper(), s2.GetUpper(), s3.GetUpper(), rows + 16);
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Apply<TAct>(Vector256<float> v) where TAct : struct, IUnaryOperator => TAct.Invoke(v);
    }

    /// <summary>Four floats (SSE, AdvSimd).</summary>
    internal readonly unsafe struct V128 : IGemmVector<Vector128<float>>
    {
        public static int Count => 4;
        public static bool IsAccelerated => Vector128.IsHardwareAccelerated;
        public static Vector128<float> Zero => Vector128<float>.Zero;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Load(float* p) => Vector128.Load(p);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector128<float> v, float* p) => v.Store(p);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Broadcast(float x) => Vector128.Create(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Kernels.MultiplyAdd.Vector(a, b, c);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Vector128<float> v) => LaneSums.Of(v);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Sum(Vector128<float> s0, Vector128<float> s1, Vector128<float> s2, Vector128<float> s3) => LaneSums.Of(s0, s1, s2, s3);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreAsRows(Vector128<float> s0, Vector128<float> s1, Vector128<float> s2, Vector128<float> s3, float* rows) =>
            Transpose4x4.Store(s0, s1, s2, s3, rows);

        // the operators have no Vector128 member yet: lane by lane through the scalar one (the same bits)
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Apply<TAct>(Vector128<float> v) where TAct : struct, IUnaryOperator =>
            Vector128.Create(TAct.Invoke(v.GetElement(0)), TAct.Invoke(v.GetElement(1)), TAct.Invoke(v.GetElement(2)), TAct.Invoke(v.GetElement(3)));
    }

    /// <summary>One float: machines without SIMD.</summary>
    internal readonly unsafe struct Scalar : IGemmVector<float>
    {
        public static int Count => 1;
        public static bool IsAccelerated => true;
        public static float Zero => 0f;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Load(float* p) => *p;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float v, float* p) => *p = v;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Broadcast(float x) => x;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float MultiplyAdd(float a, float b, float c) => Kernels.MultiplyAdd.Scalar(a, b, c);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Add(float a, float b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(float v) => v;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Sum(float s0, float s1, float s2, float s3) => Vector128.Create(s0, s1, s2, s3);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreAsRows(float s0, float s1, float s2, float s3, float* rows)
        {
            rows[0] = s0;
            rows[1] = s1;
            rows[2] = s2;
            rows[3] = s3;
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply<TAct>(float v) where TAct : struct, IUnaryOperator => TAct.Invoke(v);
    }
}
